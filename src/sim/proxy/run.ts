/**
 * Runs both sides on the simulation core, lined up so one step of the player moves both.
 *
 * The two sides are aligned at the three moments the client's story has in common: it opens a connection
 * (phase 1), its request travels to a backend (phase 2), the backend's response travels back (phase 3).
 * Within a phase each side takes as many steps as it needs; the side with less to do waits, and says so.
 * Virtual time is the step number (1 ms per step): steps are not equal in real time — a hop on a LAN takes
 * tens of microseconds, a system call well under one — only their order and their cost in the counters are
 * modelled. Each side is its own deterministic run, so each has its own Timeline.
 */
import { Simulation, record, timelineOf, type Frame, type SimEvent, type Text, type Timeline } from '../core';
import { lvsScript } from './lvs';
import { nginxScript, type NginxOptions } from './nginx';
import { ZERO, type SideScript, type SideState, type Step } from './types';

export type CompareOptions = NginxOptions & { seed?: string | number };

/** Steps in each phase: the longer side's count. */
export function phaseLengths(a: SideScript, b: SideScript): [number, number, number] {
  return [0, 1, 2].map((p) => Math.max(a.phases[p]!.length, b.phases[p]!.length)) as [number, number, number];
}

function apply(state: SideState, step: Step): void {
  const c = state.counters;
  const calls = step.calls ?? [];
  c.syscalls += calls.length;
  c.crossings += 2 * calls.length;
  if (step.wakeup) c.wakeups += 1;
  c.contextSwitches = c.wakeups;
  const copies = calls.flatMap((x) => (x.copy ? [x.copy] : []));
  c.copies += copies.length;
  c.bytesCopied += copies.reduce((n, x) => n + x.bytes, 0);
  state.calls = calls;
  state.syscallLog.push(...calls.map((x) => x.name));
  state.copied = copies[copies.length - 1]?.dir;
  if (state.copied === undefined) delete state.copied;
  if (step.place) state.place = step.place;
  if (step.what) state.what = step.what;
  if (step.packet === null) delete state.packet;
  else if (step.packet) state.packet = step.packet;
  if (step.held === null) delete state.held;
  else if (step.held) state.held = step.held;
  if (step.worker) state.worker = step.worker;
  if (step.ipvsEntry) state.ipvsEntry = step.ipvsEntry;
  if (step.conn) {
    const existing = state.conns.find((x) => x.id === step.conn!.id);
    if (existing) existing.state = step.conn.state;
    else state.conns.push({ id: step.conn.id, ends: step.conn.ends ?? ['client', 'backend'], state: step.conn.state });
    if (step.conn.counted) c.connections += 1;
    if (step.conn.handshake) c.handshakes += 1;
  }
  state.idle = false;
}

/** Runs one side's script with the given phase lengths. */
export function runSide(script: SideScript, lengths: [number, number, number], seed: string | number = 1): Timeline<SideState> {
  const sim = new Simulation(seed);
  const state: SideState = {
    side: script.side, phase: 0, worker: script.side === 'nginx' ? 'asleep' : 'none',
    conns: [], counters: { ...ZERO }, calls: [], syscallLog: [], idle: false,
  };
  let tick = 0;
  script.phases.forEach((steps, p) => {
    const phase = (p + 1) as 1 | 2 | 3;
    for (let i = 0; i < lengths[p]!; i++) {
      const step = steps[i];
      sim.at(++tick, () => {
        state.phase = phase;
        if (step) {
          apply(state, step);
          sim.emit(`${script.side}:${step.actor}`, step.kind, { phase, calls: state.calls.map((x) => x.name) }, step.text);
        } else {
          // Waiting for the other side: nothing moves, nothing is counted.
          state.calls = [];
          delete state.copied;
          state.idle = true;
          sim.emit(`${script.side}:idle`, 'idle', { phase, calls: [] }, script.idle[p]!);
        }
      });
    }
  });
  return record(sim, () => structuredClone(state));
}

function scripts(opts: CompareOptions) {
  const lvs = lvsScript();
  const nginx = nginxScript(opts);
  return { lvs, nginx, lengths: phaseLengths(lvs, nginx) };
}

/** The LVS side alone, lined up with the nginx side of the same options. */
export function lvsRun(opts: CompareOptions = {}): Timeline<SideState> {
  const s = scripts(opts);
  return runSide(s.lvs, s.lengths, opts.seed);
}

/** The nginx side alone, lined up with the LVS side. */
export function nginxRun(opts: CompareOptions = {}): Timeline<SideState> {
  const s = scripts(opts);
  return runSide(s.nginx, s.lengths, opts.seed);
}

export interface CompareState {
  phase: 0 | 1 | 2 | 3;
  lvs: SideState;
  nginx: SideState;
}

export interface CompareEventData {
  lvs: SimEvent;
  nginx: SimEvent;
}

export const PHASE_TITLES: Text[] = [
  { en: 'Start', zh: '开始' },
  { en: 'Connect', zh: '建立连接' },
  { en: 'Request to the backend', zh: '请求送到后端' },
  { en: 'Response to the client', zh: '响应送回客户端' },
];

/** Both sides in one timeline: frame i holds both sides' state after step i; its event says what each did. */
export function compareRun(opts: CompareOptions = {}): Timeline<CompareState> {
  const lvs = lvsRun(opts);
  const nginx = nginxRun(opts);
  if (lvs.frames.length !== nginx.frames.length) throw new Error('the two sides are not lined up');
  const frames: Frame<CompareState>[] = lvs.frames.map((lf, i) => {
    const nf = nginx.frames[i]!;
    const state: CompareState = { phase: lf.state.phase, lvs: lf.state, nginx: nf.state };
    if (!lf.event || !nf.event) return { index: i, t: lf.t, state };
    const title = PHASE_TITLES[state.phase]!;
    const event: SimEvent<CompareEventData> = {
      t: lf.t, seq: i - 1, actor: 'both', kind: 'step', data: { lvs: lf.event, nginx: nf.event },
      text: {
        en: `${title.en}. LVS: ${lf.event.text.en} Nginx: ${nf.event.text.en}`,
        zh: `${title.zh}。LVS：${lf.event.text.zh} Nginx：${nf.event.text.zh}`,
      },
    };
    return { index: i, t: lf.t, event, state };
  });
  return timelineOf(frames);
}

