/**
 * One VRRP instance on one router, as an XState machine on the simulation's virtual clock:
 * BACKUP waits for the master-down timer, MASTER advertises every advert_int, and adverts decide
 * who yields (RFC 3768/5798 §6.4, as keepalived 2.2.7 does it). keepalived starts every instance in
 * BACKUP (vrrp_init_state): the address owner (priority 255) leaves it after 1 µs, a `state MASTER`
 * member of a sync group after one advert_int + the minimum skew (1/256 s), any other — a plain
 * `state MASTER` instance too — after the full master-down interval (vrrp_scheduler.c: the short wait
 * needs the group's state to be BACKUP while the instance wants MASTER; real keepalived agrees).
 * FAULT (a failed weight-0 track_script or track_interface, or a sync-group sibling's fault) sends a
 * priority-0 advert on the way out of MASTER, as keepalived's down_instance does.
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
  /** `state MASTER` in the config (below 255 it shortens the first wait, in a sync group only). */
  initialMaster?: boolean;
  /** Seconds after time 0 at which the router starts (default 0). */
  start?: number;
  /** Unicast peers' addresses (as `address` numbers); empty or absent means multicast to the segment. */
  unicastPeers?: number[];
  /** vrrp_sync_group this instance belongs to. */
  syncGroup?: string;
  /** VIPs, for the gratuitous ARPs a new master sends. */
  vips?: string[];
  /** garp_master_delay: seconds before the second burst of gratuitous ARPs (keepalived default 5). */
  garpMasterDelay?: number;
  /** Tracked scripts and interfaces: weight 0 means FAULT on failure. */
  trackScripts?: Array<{ name: string; weight: number; interval: number; rise: number; fall: number }>;
  trackInterfaces?: Array<{ name: string; weight: number }>;
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
  | { type: 'SET_PRIORITY'; priority: number; reason?: string }
  | { type: 'FAULT'; reason: string }
  | { type: 'UNFAULT'; reason: string }
  | { type: 'FORCE_MASTER'; reason: string }
  | { type: 'FORCE_BACKUP'; reason: string };

export interface RouterContext {
  spec: InstanceSpec;
  priority: number;
  /** Seconds of virtual time when this router started. */
  startedAt: number;
  /**
   * keepalived's preempt_time: when a BACKUP with preempt_delay first accepts an advert of lower priority,
   * it keeps accepting them until this time (seconds), then discards them and lets its timer run out.
   * Cleared by an advert of equal or higher priority and on every entry into BACKUP (vrrp.c).
   */
  preemptUntil?: number;
  /**
   * Why adverts for this VRID were dropped since the last one accepted (keepalived logs a wrong password
   * or an advertisement interval mismatch and ignores the packet): said when the timer then runs out.
   */
  ignored?: string;
  /** Why the last transition happened, for the transitions list. */
  reason: string;
  /** Set when a priority-0 advert asked backups to take over after the skew time only. */
  quick: boolean;
  /** The first wait after a start, when keepalived shortens it (owner, or `state MASTER`). */
  initial?: 'owner' | 'master';
}

/** The first BACKUP wait after a start, in seconds (keepalived's vrrp_init_state). */
export function initialWait(spec: InstanceSpec): 'owner' | 'master' | undefined {
  if (spec.priority === 255) return 'owner';
  return spec.initialMaster && spec.syncGroup ? 'master' : undefined;
}

export interface RouterIo {
  now(): number;
  send(advert: Advert): void;
  /** The master-down timer was (re)armed for `ms` (for views that draw it draining). */
  armed?(ms: number): void;
}

/** How long a BACKUP waits before taking over, in ms, given why it is waiting. */
export function downDelayMs(context: RouterContext): number {
  const { advertInt, version } = context.spec;
  if (context.initial === 'owner') return 0.001;
  if (context.initial === 'master') return 1000 * (advertInt + skewTime(255, advertInt, version));
  return 1000 * (context.quick
    ? skewTime(context.priority, advertInt, version)
    : masterDownInterval(context.priority, advertInt, version));
}

/** Whether an incoming advert (from the current master) should keep a backup waiting. */
export function backupAccepts(ctx: RouterContext, a: Advert, now: number): boolean {
  if (a.priority === 0) return false;
  const delaying = ctx.spec.preemptDelay > 0 && (ctx.preemptUntil === undefined || now < ctx.preemptUntil);
  return !ctx.spec.preempt || delaying || a.priority >= ctx.priority;
}

/** The preempt timer after an advert a BACKUP accepted: started by the first lower one, stopped by an equal or higher one. */
export function preemptTimer(ctx: RouterContext, a: Advert, now: number): number | undefined {
  if (ctx.spec.preemptDelay <= 0 || a.priority >= ctx.priority) return undefined;
  return ctx.preemptUntil ?? now + ctx.spec.preemptDelay;
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
      masterDown: ({ context }) => downDelayMs(context),
      advert: ({ context }) => 1000 * context.spec.advertInt,
    },
    guards: {
      matching: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert),
      priorityZero: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert) && event.advert.priority === 0,
      mismatched: ({ context, event }) => event.type === 'ADVERT' && event.advert.vrid === context.spec.vrid && event.advert.from !== context.spec.router && !matches(context, event.advert),
      keepsWaiting: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert) && backupAccepts(context, event.advert, io.now()),
      yields: ({ context, event }) => event.type === 'ADVERT' && matches(context, event.advert) && masterYields(context, event.advert),
    },
    actions: {
      sendAdvert: ({ context }) => io.send(advert(context)),
      announceTimer: ({ context }) => io.armed?.(downDelayMs(context)),
      sendStopAdvert: ({ context }) => io.send(advert(context, 0)),
      because: assign({ reason: (_, params: { reason: string }) => params.reason }),
      downTimerReason: assign({
        reason: ({ context }) => (context.initial === 'owner' ? 'address owner (priority 255): MASTER at once'
          : context.initial === 'master' ? 'state MASTER: no advert within one advert_int + minimum skew'
            : context.quick ? 'the master stopped (priority 0 advert): took over after the skew time' : 'master down timer expired: no advert for 3 × advert_int + skew')
          + (context.ignored ? `; ${context.ignored}` : ''),
      }),
      noInitial: assign({ initial: undefined }),
      preemptTimer: assign({ preemptUntil: ({ context, event }) => (event.type === 'ADVERT' ? preemptTimer(context, event.advert, io.now()) : context.preemptUntil) }),
      clearPreempt: assign({ preemptUntil: undefined }),
      noteMismatch: assign({
        ignored: ({ context, event }) => {
          if (event.type !== 'ADVERT') return context.ignored;
          const why = event.advert.auth !== context.spec.auth ? 'authentication differs' : 'advert_int differs';
          return `adverts from router ${event.advert.from + 1} ignored: ${why}`;
        },
      }),
      clearIgnored: assign({ ignored: undefined }),
      eventReason: assign({ reason: ({ event }) => ('reason' in event && event.reason ? event.reason : 'event') }),
      quick: assign({ quick: true }),
      slow: assign({ quick: false }),
      restart: assign({ startedAt: () => io.now(), quick: false, initial: ({ context }) => initialWait(context.spec) }),
      setPriority: assign({ priority: ({ context, event }) => (event.type === 'SET_PRIORITY' ? Math.max(1, Math.min(255, event.priority)) : context.priority) }),
    },
  }).createMachine({
    id: 'vrrp',
    context: ({ input }) => ({ spec: input.spec, priority: input.spec.priority, startedAt: io.now(), reason: 'start', quick: false, initial: initialWait(input.spec) }),
    initial: 'BACKUP',
    on: { SET_PRIORITY: { actions: 'setPriority' } },
    states: {
      BACKUP: {
        entry: 'announceTimer',
        after: {
          masterDown: { target: 'MASTER', actions: 'downTimerReason' },
        },
        on: {
          ADVERT: [
            { guard: 'priorityZero', target: 'BACKUP', reenter: true, actions: ['quick', 'noInitial', 'clearIgnored'] },
            { guard: 'keepsWaiting', target: 'BACKUP', reenter: true, actions: ['slow', 'noInitial', 'preemptTimer', 'clearIgnored'] },
            { guard: 'mismatched', actions: 'noteMismatch' },
          ],
          FORCE_MASTER: { target: 'MASTER', actions: ['eventReason', 'noInitial'] },
          FAULT: { target: 'FAULT', actions: ['eventReason', 'noInitial'] },
          STOP: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'stopped' } }] },
          KILL: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'killed' } }] },
        },
      },
      FAULT: {
        on: {
          UNFAULT: { target: 'BACKUP', actions: ['eventReason', 'slow', 'clearPreempt'] },
          STOP: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'stopped' } }] },
          KILL: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'killed' } }] },
        },
      },
      MASTER: {
        entry: ['sendAdvert', 'slow', 'noInitial'],
        after: { advert: { target: 'MASTER', reenter: true } },
        on: {
          ADVERT: [
            { guard: 'priorityZero', actions: 'sendAdvert' },
            { guard: 'yields', target: 'BACKUP', actions: ['clearPreempt', { type: 'because', params: { reason: 'higher priority advert received' } }] },
          ],
          FORCE_BACKUP: { target: 'BACKUP', actions: ['eventReason', 'clearPreempt'] },
          FAULT: { target: 'FAULT', actions: ['sendStopAdvert', 'eventReason'] },
          STOP: { target: 'STOPPED', actions: ['sendStopAdvert', { type: 'because', params: { reason: 'stopped: sent priority 0' } }] },
          KILL: { target: 'STOPPED', actions: [{ type: 'because', params: { reason: 'killed: no final advert' } }] },
        },
      },
      STOPPED: {
        on: { START: { target: 'BACKUP', actions: ['restart', 'clearPreempt', { type: 'because', params: { reason: 'start' } }] } },
      },
    },
  });
}
