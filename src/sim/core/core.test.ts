import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { Simulation, record, createRng, EventQueue } from './index';

/** A small world to exercise the core: two pingers with random jitter and an XState timer. */
function world(seed: string | number) {
  const sim = new Simulation(seed);
  const counts = { a: 0, b: 0 };
  const ping = (who: 'a' | 'b') => {
    counts[who]++;
    sim.emit(who, 'ping', { n: counts[who] }, { en: `${who} pings`, zh: `${who} 发送 ping` });
    if (counts[who] < 5) sim.after(100 + sim.rng.int(50), () => ping(who));
  };
  sim.at(0, () => ping('a'));
  sim.at(0, () => ping('b'));
  return { sim, counts };
}

describe('simulation core', () => {
  it('is deterministic: the same seed gives the same run, another seed another run', () => {
    const run = (seed: string) => {
      const { sim, counts } = world(seed);
      return record(sim, () => ({ ...counts })).events.map((e) => [e.t, e.actor, e.kind]);
    };
    expect(run('x')).toEqual(run('x'));
    expect(run('x')).not.toEqual(run('y'));
  });

  it('runs simultaneous events in the order they were scheduled', () => {
    const sim = new Simulation(1);
    const order: string[] = [];
    for (const name of ['first', 'second', 'third']) sim.at(10, () => order.push(name));
    sim.at(5, () => order.push('earlier'));
    sim.runAll();
    expect(order).toEqual(['earlier', 'first', 'second', 'third']);
  });

  it('never runs a cancelled task and keeps time at the last task', () => {
    const sim = new Simulation(1);
    const ran: number[] = [];
    const t = sim.at(20, () => ran.push(20));
    sim.at(30, () => ran.push(30));
    sim.cancel(t);
    sim.runAll();
    expect(ran).toEqual([30]);
    expect(sim.now()).toBe(30);
  });

  it('steps back then forward to the very same snapshot', () => {
    const { sim, counts } = world('seek');
    const tl = record(sim, () => ({ ...counts }));
    const at = 6;
    const forward = structuredClone(tl.frame(at).state);
    const back = tl.frame(at - 1).state;
    expect(back).not.toEqual(forward);
    expect(tl.frame(at - 1 + 1).state).toEqual(forward);
    // Seeking by time lands on the last frame at or before it.
    const f = tl.frameAtTime(tl.frame(at).t);
    expect(f.t).toBe(tl.frame(at).t);
    expect(f.index).toBeGreaterThanOrEqual(at);
  });

  it('clamps out-of-range frames', () => {
    const { sim, counts } = world(3);
    const tl = record(sim, () => ({ ...counts }));
    expect(tl.frame(-5).index).toBe(0);
    expect(tl.frame(1e9).index).toBe(tl.frames.length - 1);
    expect(tl.frame(Number.NaN).index).toBe(0);
  });

  it('runs XState delayed transitions on virtual time', () => {
    const sim = new Simulation(1);
    const machine = setup({}).createMachine({
      initial: 'backup',
      states: { backup: { after: { 3000: 'master' } }, master: {} },
    });
    const actor = createActor(machine, { clock: sim.clock });
    const seen: Array<[number, string]> = [];
    actor.subscribe((s) => seen.push([sim.now(), String(s.value)]));
    actor.start();
    sim.runUntil(2999);
    expect(actor.getSnapshot().value).toBe('backup');
    sim.runUntil(3000);
    expect(actor.getSnapshot().value).toBe('master');
    expect(seen.at(-1)).toEqual([3000, 'master']);
  });

  it('the RNG resumes exactly from its saved state', () => {
    const a = createRng('s');
    a.next(); a.next();
    const b = createRng(0, a.state());
    expect([a.next(), a.int(1000)]).toEqual([b.next(), b.int(1000)]);
  });

  it('the queue orders a thousand random pushes by time then insertion', () => {
    const q = new EventQueue();
    const rng = createRng(9);
    const pushed = Array.from({ length: 1000 }, (_, i) => ({ at: rng.int(20), i }));
    for (const p of pushed) q.push(p.at, () => undefined);
    const out: Array<[number, number]> = [];
    for (let t = q.pop(); t; t = q.pop()) out.push([t.at, t.seq]);
    const expected = pushed.map((p) => [p.at, p.i]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
    expect(out).toEqual(expected);
  });
});
