/**
 * One HTTP request carried at layer 4 by LVS (VS/NAT, in the director's kernel) and at layer 7 by nginx
 * (a reverse proxy in user space), step by step, with what each costs the box in the middle.
 */
export * from './types';
export { lvsScript, LVS_ADDR } from './lvs';
export { nginxScript, NGINX_ADDR, type NginxOptions } from './nginx';
export {
  compareRun, lvsRun, nginxRun, runSide, phaseLengths, PHASE_TITLES,
  type CompareOptions, type CompareState, type CompareEventData,
} from './run';
