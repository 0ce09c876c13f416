/**
 * Several routers on one L2 segment, each running its VRRP instances, on the simulation core.
 * Scripted events stop, crash, restart routers, cut and heal their links and change priorities;
 * every state change is recorded with its time and reason.
 */
import { createActor, type Actor } from 'xstate';
import { Simulation } from '../core';
import { routerMachine, type Advert, type InstanceSpec } from './router';

export interface ClusterEvent {
  /** Seconds. */
  at: number;
  router: number;
  action: 'stop' | 'kill' | 'start' | 'link-down' | 'link-up' | 'priority';
  value?: number;
}

export interface Transition {
  at: number;
  router: number;
  instance: string;
  from: string;
  to: string;
  reason: string;
}

export interface ClusterRun {
  transitions: Transition[];
  /** Per VRID: the routers that are MASTER at the end (two means split brain). */
  vipOwner: Array<{ vrid: number; instance: string; routers: number[] }>;
}

/** Advert delivery time on the segment, in ms. */
const WIRE_MS = 0.1;

export function runCluster(specs: InstanceSpec[], events: ClusterEvent[], until: number, seed = 1): ClusterRun {
  const sim = new Simulation(seed);
  const linkUp = new Map<number, boolean>();
  const transitions: Transition[] = [];
  const actors: Array<{ spec: InstanceSpec; actor: Actor<ReturnType<typeof routerMachine>> }> = [];
  const deliver = (a: Advert) => {
    if (linkUp.get(a.from) === false) return;
    for (const { spec, actor } of actors) {
      if (spec.router === a.from || linkUp.get(spec.router) === false) continue;
      sim.after(WIRE_MS, () => actor.send({ type: 'ADVERT', advert: a }));
    }
  };
  const now = () => sim.now() / 1000;
  for (const spec of specs) {
    const actor = createActor(routerMachine({ now, send: deliver }), { input: { spec }, clock: sim.clock });
    let last = 'INIT';
    actor.subscribe((snap) => {
      const state = String(snap.value);
      if (state === last) return;
      transitions.push({ at: Math.round(now() * 1e4) / 1e4, router: spec.router, instance: spec.name, from: last, to: state, reason: snap.context.reason });
      last = state;
    });
    actors.push({ spec, actor });
  }
  sim.at(0, () => actors.forEach(({ actor }) => actor.start()));
  for (const e of [...events].sort((x, y) => x.at - y.at)) {
    sim.at(e.at * 1000, () => {
      for (const { spec, actor } of actors) {
        if (spec.router !== e.router) continue;
        if (e.action === 'stop') actor.send({ type: 'STOP' });
        else if (e.action === 'kill') actor.send({ type: 'KILL' });
        else if (e.action === 'start') actor.send({ type: 'START' });
        else if (e.action === 'priority') actor.send({ type: 'SET_PRIORITY', priority: e.value ?? spec.priority });
      }
      if (e.action === 'link-down') linkUp.set(e.router, false);
      if (e.action === 'link-up') linkUp.set(e.router, true);
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
  return { transitions, vipOwner: [...byVrid].map(([vrid, v]) => ({ vrid, ...v })) };
}
