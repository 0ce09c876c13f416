/**
 * Several routers on one L2 segment, each running its VRRP instances, on the simulation core.
 * Scripted events stop, crash, restart routers, cut and heal their links, change priorities, fail
 * tracked scripts and interfaces; every state change is recorded with its time and reason.
 * Tracking (./tracking.ts) turns script and interface results into priorities and faults; members of
 * a vrrp_sync_group follow each other (keepalived's vrrp_sync_master/backup/fault).
 */
import { createActor, type Actor } from 'xstate';
import { Simulation } from '../core';
import { routerMachine, type Advert, type InstanceSpec } from './router';
import { Tracker } from './tracking';

export interface ClusterEvent {
  /** Seconds. */
  at: number;
  router: number;
  action: 'stop' | 'kill' | 'start' | 'link-down' | 'link-up' | 'priority' | 'script-fail' | 'script-ok' | 'interface-down' | 'interface-up';
  value?: number;
  /** The vrrp_script (script-fail/ok) or interface (interface-down/up) the event is about. */
  name?: string;
}

export interface Transition {
  at: number;
  router: number;
  instance: string;
  from: string;
  to: string;
  reason: string;
}

export interface Garp {
  at: number;
  router: number;
  instance: string;
  vips: string[];
  /** keepalived sends garp_master_repeat (5) at once, and again garp_master_delay (5 s) later. */
  burst: 1 | 2;
}

export interface ClusterRun {
  transitions: Transition[];
  /** Per VRID: the routers that are MASTER at the end (two means split brain). */
  vipOwner: Array<{ vrid: number; instance: string; routers: number[] }>;
  garps: Garp[];
  /** Effective priority changes from tracking. */
  priorities: Array<{ at: number; router: number; instance: string; priority: number; reason: string }>;
  /** Every advert sent, and every (re)arming of a backup's master-down timer (for the lab's drawing). */
  adverts: Array<{ at: number; router: number; instance: string; priority: number }>;
  timers: Array<{ at: number; router: number; instance: string; seconds: number }>;
}

/** Advert delivery time on the segment, in ms. */
const WIRE_MS = 0.1;

type Running = { spec: InstanceSpec; actor: Actor<ReturnType<typeof routerMachine>>; started: boolean };

export function runCluster(specs: InstanceSpec[], events: ClusterEvent[], until: number, seed = 1): ClusterRun {
  const sim = new Simulation(seed);
  const linkUp = new Map<number, boolean>();
  const transitions: Transition[] = [];
  const garps: Garp[] = [];
  const priorities: ClusterRun['priorities'] = [];
  const adverts: ClusterRun['adverts'] = [];
  const timers: ClusterRun['timers'] = [];
  const actors: Running[] = [];
  const now = () => sim.now() / 1000;
  const round = (t: number) => Math.round(t * 1e4) / 1e4;
  const deliver = (a: Advert, sender: InstanceSpec) => {
    adverts.push({ at: round(now()), router: a.from, instance: sender.name, priority: a.priority });
    if (linkUp.get(a.from) === false) return;
    for (const { spec, actor, started } of actors) {
      if (!started || spec.router === a.from || linkUp.get(spec.router) === false) continue;
      // Unicast: only the listed peers hear it (keepalived sends one copy to each unicast_peer).
      if (sender.unicastPeers?.length && !sender.unicastPeers.includes(spec.address)) continue;
      sim.after(WIRE_MS, () => actor.send({ type: 'ADVERT', advert: a }));
    }
  };
  const siblings = (r: Running) => actors.filter((o) => o !== r && o.spec.router === r.spec.router && r.spec.syncGroup && o.spec.syncGroup === r.spec.syncGroup);
  const stateOf = (r: Running) => String(r.actor.getSnapshot().value);

  for (const spec of specs) {
    const running: Running = { spec, actor: undefined as never, started: false };
    const armed = (ms: number) => timers.push({ at: round(now()), router: spec.router, instance: spec.name, seconds: ms / 1000 });
    running.actor = createActor(routerMachine({ now, send: (a) => deliver(a, spec), armed }), { input: { spec }, clock: sim.clock });
    let last = 'INIT';
    running.actor.subscribe((snap) => {
      const state = String(snap.value);
      if (state === last) return;
      transitions.push({ at: round(now()), router: spec.router, instance: spec.name, from: last, to: state, reason: snap.context.reason });
      const was = last;
      last = state;
      if (state === 'MASTER') {
        const vips = spec.vips ?? [];
        garps.push({ at: round(now()), router: spec.router, instance: spec.name, vips, burst: 1 });
        const delay = spec.garpMasterDelay ?? 5;
        if (delay > 0) {
          sim.after(delay * 1000, () => {
            if (stateOf(running) === 'MASTER') garps.push({ at: round(now()), router: spec.router, instance: spec.name, vips, burst: 2 });
          });
        }
      }
      // A sync group moves together: one member's MASTER or BACKUP carries the others along.
      const group = spec.syncGroup;
      if (group && (state === 'MASTER' || (state === 'BACKUP' && was === 'MASTER'))) {
        for (const o of siblings(running)) {
          if (state === 'MASTER' && stateOf(o) === 'BACKUP') o.actor.send({ type: 'FORCE_MASTER', reason: `sync group ${group}: ${spec.name} became MASTER` });
          if (state === 'BACKUP' && stateOf(o) === 'MASTER') o.actor.send({ type: 'FORCE_BACKUP', reason: `sync group ${group}: ${spec.name} became BACKUP` });
        }
      }
    });
    actors.push(running);
  }

  const tracker = new Tracker(sim, actors.map((a) => ({ spec: a.spec, send: (e) => { if (a.started) a.actor.send(e); } })), (p) => priorities.push({ ...p, at: round(now()) }));

  const start = (r: Running) => {
    r.started = true;
    r.actor.start();
    tracker.start(r.spec);
  };
  for (const r of actors) sim.at((r.spec.start ?? 0) * 1000, () => start(r));
  for (const e of [...events].sort((x, y) => x.at - y.at)) {
    sim.at(e.at * 1000, () => {
      for (const r of actors) {
        const { spec, actor } = r;
        if (spec.router !== e.router) continue;
        if (e.action === 'stop') actor.send({ type: 'STOP' });
        else if (e.action === 'kill') actor.send({ type: 'KILL' });
        else if (e.action === 'start') {
          if (!r.started) start(r);
          else {
            actor.send({ type: 'START' });
            tracker.restart(spec);
          }
        } else if (e.action === 'priority') actor.send({ type: 'SET_PRIORITY', priority: e.value ?? spec.priority });
      }
      if (e.action === 'link-down') linkUp.set(e.router, false);
      if (e.action === 'link-up') linkUp.set(e.router, true);
      if (e.action === 'script-fail' || e.action === 'script-ok') tracker.setScript(e.router, e.name ?? '', e.action === 'script-ok');
      if (e.action === 'interface-down' || e.action === 'interface-up') tracker.setInterface(e.router, e.name ?? '', e.action === 'interface-up');
    });
  }
  sim.runUntil(until * 1000);
  const byVrid = new Map<number, { instance: string; routers: number[] }>();
  for (const { spec, actor } of actors) {
    const entry = byVrid.get(spec.vrid) ?? { instance: spec.name, routers: [] };
    if (actor.getSnapshot().value === 'MASTER') entry.routers.push(spec.router);
    byVrid.set(spec.vrid, entry);
  }
  for (const { actor } of actors) actor.stop();
  return { transitions, vipOwner: [...byVrid].map(([vrid, v]) => ({ vrid, ...v })), garps, priorities, adverts, timers };
}
