/**
 * A scenario as a run on the simulation core: one event per step, so the hook explorer can step
 * a packet through the kernel forwards and backwards under the shared player.
 */
import { Simulation, record, type Timeline } from '../core';
import type { Scenario } from './scenarios';
import type { Step } from './path';

export interface TraceState {
  /** Index of the packet in the scenario, -1 before the first step. */
  packet: number;
  /** The step being shown, or undefined at the start. */
  step?: Step;
  /** Hooks passed so far, across packets, in order. */
  passed: Array<{ packet: number; hook: string }>;
}

const STEP_MS = 1;

export function traceRun(s: Scenario): Timeline<TraceState> {
  const sim = new Simulation(s.name);
  const state: TraceState = { packet: -1, passed: [] };
  let t = 0;
  s.packets.forEach((p, pi) => {
    for (const step of p.steps) {
      sim.at(t, () => {
        state.packet = pi;
        state.step = step;
        if (step.kind === 'hook') state.passed.push({ packet: pi, hook: step.hook });
        const actor = step.kind === 'hook' ? step.hook : step.fn;
        sim.emit(actor, `netfilter.${step.kind}`, { packet: pi }, step.text);
      });
      t += STEP_MS;
    }
  });
  return record(sim, () => ({ packet: state.packet, ...(state.step ? { step: state.step } : {}), passed: [...state.passed] }));
}
