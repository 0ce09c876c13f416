/**
 * track_script and track_interface as keepalived 2.2.7 evaluates them (vrrp_scheduler.c,
 * vrrp_track.c). A script runs at start and then every `interval`; its result counter starts at
 * rise − 1, so the first run decides, and afterwards it takes `fall` failures in a row to go KO and
 * `rise` successes in a row to come back. A tracked object with weight 0 puts the instance in FAULT
 * while it is down; a positive weight is added while it is up, a negative one while it is down.
 * The effective priority is kept within 1..254, and an address owner's (255) never changes.
 * Members of a sync group are in FAULT whenever one of them is.
 */
import type { Simulation } from '../core';
import type { InstanceSpec, RouterEvent } from './router';

interface Member {
  spec: InstanceSpec;
  send(e: RouterEvent): void;
}

interface ScriptRun {
  interval: number;
  rise: number;
  fall: number;
  /** keepalived's vscript->result counter. */
  result: number;
  /** Before the first run: init state, where either result is reported. */
  init: boolean;
  ok?: boolean;
  /** Bumped on restart so an old run loop stops. */
  generation: number;
}

const key = (router: number, name: string) => `${router}|${name}`;

export class Tracker {
  private worldScript = new Map<string, boolean>();
  private worldIface = new Map<string, boolean>();
  private scripts = new Map<string, ScriptRun>();
  /** Per member: its own reasons to be in FAULT. */
  private faults = new Map<Member, Set<string>>();
  private lastPriority = new Map<Member, number>();

  constructor(
    private sim: Simulation,
    private members: Member[],
    private onPriority: (p: { router: number; instance: string; priority: number; reason: string }) => void,
  ) {
    for (const m of members) this.faults.set(m, new Set());
  }

  /** The router's instance starts: evaluate interfaces now, start its scripts (once per router). */
  start(spec: InstanceSpec): void {
    const m = this.members.find((x) => x.spec === spec)!;
    this.lastPriority.set(m, spec.priority);
    for (const t of spec.trackInterfaces ?? []) this.apply(spec.router, `interface ${t.name}`);
    for (const t of spec.trackScripts ?? []) {
      const k = key(spec.router, t.name);
      if (this.scripts.has(k)) continue;
      const run: ScriptRun = { interval: t.interval, rise: t.rise, fall: t.fall, result: t.rise - 1, init: true, generation: 0 };
      this.scripts.set(k, run);
      this.loop(spec.router, t.name, run, 0);
    }
  }

  /** A restarted router re-reads its config: script counters back to their initial state. */
  restart(spec: InstanceSpec): void {
    const m = this.members.find((x) => x.spec === spec)!;
    this.faults.get(m)!.clear();
    this.lastPriority.set(m, spec.priority);
    for (const t of spec.trackScripts ?? []) {
      const run = this.scripts.get(key(spec.router, t.name));
      if (!run) continue;
      run.result = run.rise - 1;
      run.init = true;
      run.ok = undefined;
      run.generation++;
      this.loop(spec.router, t.name, run, run.generation);
    }
    this.apply(spec.router, 'restart');
  }

  /** The world: what the script would return from now on. */
  setScript(router: number, name: string, ok: boolean): void {
    this.worldScript.set(key(router, name), ok);
  }

  setInterface(router: number, name: string, up: boolean): void {
    this.worldIface.set(key(router, name), up);
    this.apply(router, `interface ${name} ${up ? 'up' : 'down'}`);
  }

  private loop(router: number, name: string, run: ScriptRun, generation: number): void {
    if (run.generation !== generation) return;
    this.runScript(router, name, run);
    this.sim.after(run.interval * 1000, () => this.loop(router, name, run, generation));
  }

  private runScript(router: number, name: string, run: ScriptRun): void {
    const success = this.worldScript.get(key(router, name)) ?? true;
    const { rise, fall } = run;
    let changed: boolean | undefined;
    if (success) {
      if (run.result < rise - 1) run.result++;
      else if (run.result !== rise + fall - 1) {
        if (run.result < rise) changed = true;
        run.result = rise + fall - 1;
      }
    } else if (run.result > rise) run.result--;
    else {
      if (run.result === rise || run.init) changed = false;
      run.result = 0;
    }
    run.init = false;
    if (changed === undefined) return;
    run.ok = changed;
    this.apply(router, `script ${name} ${changed ? 'succeeded' : 'failed'}`);
  }

  /** Recomputes every instance of the router: FAULT causes, sync-group faults, effective priority. */
  private apply(router: number, reason: string): void {
    for (const m of this.members.filter((x) => x.spec.router === router)) {
      const own = this.faults.get(m)!;
      own.clear();
      let total = m.spec.priority;
      for (const t of m.spec.trackScripts ?? []) {
        const ok = this.scripts.get(key(router, t.name))?.ok;
        if (ok === undefined) continue;
        if (t.weight === 0) { if (!ok) own.add(`script ${t.name} failed`); }
        else if (ok && t.weight > 0) total += t.weight;
        else if (!ok && t.weight < 0) total += t.weight;
      }
      for (const t of m.spec.trackInterfaces ?? []) {
        const up = this.worldIface.get(key(router, t.name)) ?? true;
        if (t.weight === 0) { if (!up) own.add(`interface ${t.name} down`); }
        else if (up && t.weight > 0) total += t.weight;
        else if (!up && t.weight < 0) total += t.weight;
      }
      // An address owner's priority never moves (vrrp_set_effective_priority).
      const effective = m.spec.priority === 255 ? 255 : Math.max(1, Math.min(254, total));
      if (effective !== this.lastPriority.get(m)) {
        this.lastPriority.set(m, effective);
        m.send({ type: 'SET_PRIORITY', priority: effective, reason });
        this.onPriority({ router, instance: m.spec.name, priority: effective, reason });
      }
    }
    // FAULT is per instance, but a sync group's members share it.
    for (const m of this.members.filter((x) => x.spec.router === router)) {
      const own = [...this.faults.get(m)!];
      const group = m.spec.syncGroup;
      const groupFault = group
        ? this.members.filter((o) => o !== m && o.spec.router === router && o.spec.syncGroup === group && this.faults.get(o)!.size > 0).map((o) => o.spec.name)
        : [];
      if (own.length) m.send({ type: 'FAULT', reason: own.join(', ') });
      else if (groupFault.length) m.send({ type: 'FAULT', reason: `sync group ${group}: ${groupFault.join(', ')} in FAULT` });
      else m.send({ type: 'UNFAULT', reason: `${reason}: nothing tracked is down` });
    }
  }
}
