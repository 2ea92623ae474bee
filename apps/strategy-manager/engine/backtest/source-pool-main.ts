/**
 * Entry of a local-pool thread that also runs strategy files (bundled by compile.ts): the
 * strategy-file runner registers itself first, then the pool thread's own code takes jobs.
 */
import './source-runner';
import '../../../../electron/engine/backtest/pool/pool-worker-main';
