/**
 * One VRRP instance on one router, as an XState machine on the simulation's virtual clock:
 * BACKUP waits for the master-down timer, MASTER advertises every advert_int, and adverts decide
 * who yields (RFC 3768/5798 §6.4, as keepalived 2.2.7 does it; all instances start as BACKUP, even
 * `state MASTER` ones below priority 255, which keepalived then lets win the election).
 */
import { assign, setup } from 'xstate';
import { masterDownInterval, skewTime } from './timers';

export interface InstanceSpec {
  router: number;
  name: string;
  vrid: number;
  priority: number;
  advertInt: number;
  version: 2 | 3;
  preempt: boolean;
  preemptDelay: number;
  /** Compared on equal priorities: the higher primary address wins. */
  address: number;
  auth: string;
}

export interface Advert {
  from: number;
  vrid: number;
  priority: number;
  advertInt: number;
  address: number;
  auth: string;
}

export type RouterEvent =
  | { type: 'ADVERT'; advert: Advert }
  | { type: 'STOP' }
  | { type: 'KILL' }
  | { type: 'START' }
  | { type: 'SET_PRIORITY'; priority: number };

export interface RouterContext {
  spec: InstanceSpec;
  priority: number;
  /** Seconds of virtual time when this router started (preempt_delay counts from it). */
  startedAt: number;
  /** Why the last transition happened, for the transitions list. */
  reason: string;
  /** Set when a priority-0 advert asked backups to take over after the skew time only. */
  quick: boolean;
}

export interface RouterIo {
  now(): number;
  send(advert: Advert): void;
}

/** Whether an incoming advert (from the current master) should keep a backup waiting. */
export function backupAccepts(ctx: RouterContext, a: Advert, now: number): boolean {
  if (a.priority === 0) return false;
  const delaying = ctx.spec.preemptDelay > 0 && now - ctx.startedAt < ctx.spec.preemptDelay;
  return !ctx.spec.preempt || delaying || a.priority >= ctx.priority;
}

/** Whether a master yields to an advert from another master. */
export function masterYields(ctx: RouterContext, a: Advert): boolean {
  return a.priority > ctx.priority || (a.priority === ctx.priority && a.address > ctx.spec.address);
}

export function routerMachine(io: RouterIo) {
  const advert = (ctx: RouterContext, priority = ctx.priority): Advert => ({
    from: ctx.spec.router, vrid: ctx.spec.vrid, priority, advertInt: ctx.spec.advertInt, address: ctx.spec.address, auth: ctx.spec.auth,
  });
  const matches = (ctx: RouterContext, a: Advert) => a.vrid === ctx.spec.vrid && a.auth === ctx.spec.auth && a.advertInt === ctx.spec.advertInt && a.from !== ctx.spec.router;

  return setup({
    types: { context: {} as RouterContext, events: {} as RouterEvent, input: {} as { spec: InstanceSpec } },
    delays: {
      masterDown: ({ context }) => 1000 * (context.quick
        ? skewTime(context.priority, context.spec.advertInt, context.spec.version)
        : masterDownInterval(context.priority, context.spec.advertInt, context.spec.version)),
      advert: ({ context }) => 1000 * context.spec.advertInt,
    },
    guards: {
      matching: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert),
      priorityZero: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert) && event.advert.priority === 0,
      keepsWaiting: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert) && backupAccepts(context, event.advert, io.now()),
      yields: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert) && masterYields(context, event.advert),
    },
    actions: {
      sendAdvert: ({ context }) => io.send(advert(context)),
      sendStopAdvert: ({ context }) => io.send(advert(context, 0)),
      because: assign({ reason: (_, params: { reason: string }) => params.reason }),
      downTimerReason: assign({
        reason: ({ context }) => (context.quick ? 'the master stopped (priority 0 advert): took over after the skew time' : 'master down timer expired: no advert for 3 × advert_int + skew'),
      }),
      quick: assign({ quick: true }),
      slow: assign({ quick: false }),
      restart: assign({ startedAt: () => io.now(), quick: false }),
      setPriority: assign({ priority: ({ context, event }) => (event.type === 'SET_PRIORITY' ? Math.max(1, Math.min(255, event.priority)) : context.priority) }),
    },
  }).createMachine({
    id: 'vrrp',
    context: ({ input }) => ({ spec: input.spec, priority: input.spec.priority, startedAt: io.now(), reason: 'start', quick: false }),
    initial: 'BACKUP',
    on: { SET_PRIORITY: { actions: 'setPriority' } },
    states: {
      BACKUP: {
        after: {
          masterDown: { target: 'MASTER', actions: 'downTimerReason' },
        },
        on: {
          ADVERT: [
            { guard: 'priorityZero', target: 'BACKUP', reenter: true, actions: ['quick'] },
            { guard: 'keepsWaiting', target: 'BACKUP', reenter: true, actions: ['slow'] },
          ],
          STOP: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'stopped' } }] },
          KILL: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'killed' } }] },
        },
      },
      MASTER: {
        entry: ['sendAdvert', 'slow'],
        after: { advert: { target: 'MASTER', reenter: true } },
        on: {
          ADVERT: [
            { guard: 'priorityZero', actions: 'sendAdvert' },
            { guard: 'yields', target: 'BACKUP', actions: [{ type: 'because', params: { reason: 'higher priority advert received' } }] },
          ],
          STOP: { target: 'STOPPED', actions: ['sendStopAdvert', { type: 'because', params: { reason: 'stopped: sent priority 0' } }] },
          KILL: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'killed: no final advert' } }] },
        },
      },
      STOPPED: {
        on: { START: { target: 'BACKUP', actions: ['restart', { type: 'because', params: { reason: 'start' } }] } },
      },
    },
  });
}
