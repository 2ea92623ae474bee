/** `npm run bench`: every benchmark in turn, each printing one JSON line. */
import { runEventBusBench } from './event-bus';
import { runNativeBench } from './native-roundtrip';
import { runOmsRiskBench } from './oms-risk';
import { runPublishLatencyBench } from './publish-latency';
import { runSimMatchingBench } from './sim-matching';
import { runStrategyBench } from './strategy-latency';

console.log(JSON.stringify(runEventBusBench()));
console.log(JSON.stringify(await runOmsRiskBench()));
console.log(JSON.stringify(runSimMatchingBench(100_000)));
console.log(JSON.stringify(await runNativeBench()));
console.log(JSON.stringify(await runStrategyBench()));
console.log(JSON.stringify(await runPublishLatencyBench()));
