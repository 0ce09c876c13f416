/**
 * The scheduler lab's "run it on a real kernel": 100 connections of the lab's traffic, replayed on
 * the real IPVS in the reader's browser (src/kernel) and on the engine, picks side by side. Loaded
 * only when the reader presses the button; the kernel itself only then too.
 */
import { labScenario, LabScenarioError } from '../../sim/schedulers/lab-scenario';
import { replay } from '../../sim/schedulers/scenario';
import type { LabConfig } from '../../sim/schedulers/traffic';
import { runOnKernel, startKernel } from '../../kernel/client';
import { differences, readSchedulerReplay, schedulerReplayScript } from '../../kernel/scheduler-replay';
import { errorText, progressText, readyText } from '../kernel/words';
import { kernelStrings } from './kernel-strings';

export const REPLAYED = 100;

const serverName = (i: number | null | undefined) => (i === null || i === undefined ? '—' : `RS${i + 1}`);

export async function runKernelReplay(root: HTMLElement, cfg: LabConfig, lang: string, base: string): Promise<void> {
  const k = kernelStrings(lang);
  const status = root.querySelector<HTMLElement>('[data-role="kernel-status"]')!;
  const result = root.querySelector<HTMLElement>('[data-role="kernel-result"]')!;
  const button = root.querySelector<HTMLButtonElement>('[data-role="kernel-run"]')!;
  const say = (text: string, state: string) => {
    status.textContent = text;
    root.dataset.kernel = state;
  };
  result.replaceChildren();
  if (cfg.scheduler === 'twos') return say(k.noTwos, 'unsupported');
  let built;
  try {
    built = labScenario(cfg, REPLAYED);
  } catch (err) {
    if (err instanceof LabScenarioError) return say(err.message === 'persistence' ? k.noPersistence : k.noSorry, 'unsupported');
    throw err;
  }
  const { scenario } = built;
  button.disabled = true;
  say(k.starting, 'starting');
  try {
    const info = await startKernel(base, (p) => say(progressText(p, lang), 'starting'));
    root.querySelector<HTMLElement>('[data-role="kernel-info"]')!.textContent = readyText(info, lang);
    root.dataset.kernelStartMs = String(info.ms);
    say(k.replaying, 'running');
    const run = await runOnKernel(base, schedulerReplayScript(scenario), { timeoutMs: 300_000 });
    root.dataset.kernelReplayMs = String(run.ms);
    const kernel = readSchedulerReplay(run.output).picks;
    // The browser's kernel is i386: hsiphash (mh's hash) is HalfSipHash there, so the engine runs as a 32-bit kernel.
    const sim32 = replay(scenario, 1, 32).picks;
    const sim64 = replay(scenario, 1, 64).picks;
    const diff = differences(kernel, sim32);
    const diff64 = differences(sim32, sim64);
    root.dataset.kernelEqual = `${kernel.length - diff.length}/${kernel.length}`;
    say(diff.length === 0 ? k.equal(kernel.length, run.ms) : k.differ(diff.length, kernel.length), diff.length === 0 ? 'equal' : 'differ');
    render(result, scenario.events.flatMap((e) => (e.op === 'connect' ? [`${e.saddr}:${e.sport}`] : [])), kernel, sim32, diff, k);
    if (diff64.length > 0) {
      const note = document.createElement('p');
      note.dataset.role = 'kernel-bits';
      note.textContent = k.bits(diff64.length);
      result.prepend(note);
    }
  } catch (err) {
    say(errorText(err, lang), 'failed');
  } finally {
    button.disabled = false;
  }
}

function render(box: HTMLElement, clients: string[], kernel: Array<number | null>, sim: Array<number | null>, diff: number[], k: ReturnType<typeof kernelStrings>): void {
  const counts = (picks: Array<number | null>) => {
    const m = new Map<string, number>();
    for (const p of picks) m.set(serverName(p), (m.get(serverName(p)) ?? 0) + 1);
    return [...m.entries()].sort().map(([s, n]) => `${s} ${n}`).join(' · ');
  };
  const summary = document.createElement('p');
  summary.textContent = `${k.kernelCol}: ${counts(kernel)}. ${k.simCol}: ${counts(sim)}.`;
  const wrap = document.createElement('div');
  wrap.className = 'kernel-panel__scroll';
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', k.tableLabel);
  const table = document.createElement('table');
  table.innerHTML = `<caption class="sr-only">${k.tableLabel}</caption><thead><tr><th scope="col">#</th><th scope="col">${k.clientCol}</th><th scope="col">${k.simCol}</th><th scope="col">${k.kernelCol}</th></tr></thead>`;
  const body = table.createTBody();
  const differs = new Set(diff);
  kernel.forEach((p, i) => {
    const tr = body.insertRow();
    if (differs.has(i)) tr.dataset.differs = 'true';
    for (const text of [String(i + 1), clients[i] ?? '', serverName(sim[i]), serverName(p) + (differs.has(i) ? ` ≠` : '')]) tr.insertCell().textContent = text;
  });
  wrap.append(table);
  box.append(summary, wrap);
}
