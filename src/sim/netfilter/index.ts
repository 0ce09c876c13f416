/** The IPv4 Netfilter model: hooks, who registers on them, the kernel paths, and LVS scenarios. */
export { HOOKS, KERNEL_NAME, NFT_NAME, CALL_SITE, hookFromNft, type HookName } from './hooks';
export { CALLBACKS, PRIORITY, inPriorityOrder, type Callback, type Owner } from './callbacks';
export type { Step, Verdict, Place, CallbackRun } from './path';
export { SCENARIOS, scenarioNamed, hooksOf, type Scenario, type PacketPath } from './scenarios';
export { traceRun, type TraceState } from './run';
export { traceJson } from './trace-json';
