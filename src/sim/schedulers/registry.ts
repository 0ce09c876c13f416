/** Every IPVS scheduler of Linux 6.6's net/netfilter/ipvs/, by its ipvsadm name. */
import type { Scheduler, Service } from './dest';
import { rr } from './rr';
import { wrr } from './wrr';
import { lc, nq, sed, wlc } from './least';
import { fo, ovf } from './weight-order';
import { dh, sh } from './hashing';
import { mh } from './mh';
import { lblc, lblcr } from './locality';
import { twos } from './twos';

export const SCHEDULERS: Record<string, (svc: Service) => Scheduler> = { rr, wrr, lc, wlc, sed, nq, sh, dh, lblc, lblcr, mh, fo, ovf, twos };
export const SCHEDULER_NAMES = Object.keys(SCHEDULERS);
export const FLAGS = ['sh-port', 'sh-fallback', 'mh-port', 'mh-fallback'] as const;

