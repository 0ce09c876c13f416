/** VRRP as keepalived runs it: instance machines, the segment they share, and their timers. */
export { routerMachine, backupAccepts, masterYields, type InstanceSpec, type Advert } from './router';
export { runCluster, type ClusterEvent, type Transition, type ClusterRun } from './cluster';
export { skewTime, masterDownInterval } from './timers';
export { specsFromModels } from './from-model';
