/** IPVS schedulers as the kernel implements them, and the scenario replay that exercises them. */
export { SCHEDULERS, SCHEDULER_NAMES, FLAGS } from './registry';
export { makeDest, overhead, type Dest, type Packet, type Scheduler, type Service } from './dest';
export { replay, parseScenario, type Scenario, type ScenarioEvent, type ReplayResult } from './scenario';
