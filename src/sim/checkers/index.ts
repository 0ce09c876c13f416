/** keepalived's health checkers: a virtual server's real servers checked, removed, restored, and the sorry server. */
export { runHealthChecks, runSpec, findServer, type HealthRun, type HealthState, type HealthTransition, type ServerView, type CheckerView, type IpvsEntry } from './run';
export { specFromModel, specFromConfig, serverLabel, defaultRetry, defaultDelayBeforeRetry, type VsSpec, type ServerSpec, type CheckerSpec, type HealthOptions } from './spec';
export { WORLD_ACTIONS, type WorldEvent, type WorldAction } from './world';
