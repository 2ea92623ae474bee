/** `npm run bench`: every benchmark in turn, each printing one JSON line. */
import { runBarStoreBench } from './bar-store';
import { runEventBusBench } from './event-bus';
import { runFuturesRulesBench } from './futures-rules';
import { runMiniqmtBench } from './miniqmt-roundtrip';
import { runNativeBench } from './native-roundtrip';
import { runOmsRiskBench } from './oms-risk';
import { runPublishLatencyBench } from './publish-latency';
import { runSimMatchingBench } from './sim-matching';
import { runStrategyBench } from './strategy-latency';

console.log(JSON.stringify(runEventBusBench()));
console.log(JSON.stringify(await runOmsRiskBench()));
console.log(JSON.stringify(runSimMatchingBench(100_000)));
console.log(JSON.stringify(runFuturesRulesBench()));
console.log(JSON.stringify(await runNativeBench()));
console.log(JSON.stringify(await runStrategyBench()));
console.log(JSON.stringify(await runMiniqmtBench()));
console.log(JSON.stringify(runBarStoreBench()));
console.log(JSON.stringify(await runPublishLatencyBench()));
