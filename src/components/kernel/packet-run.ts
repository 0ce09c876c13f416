/**
 * The packet player's and the hook explorer's real-kernel runs (loaded when the reader asks): the
 * test suite's forwarding experiment on the browser's kernel, its captures held against the
 * engine's journey, or its TRACE against the model's hooks.
 */
import { runOnKernel, startKernel } from '../../kernel/client';
import { parseCapture, type CapturedFrame } from '../../kernel/packets/capture';
import { modelPath, packetPath, parseTrace } from '../../kernel/packets/iptables-trace';
import { packetRunScript, readRunFiles, runTag } from '../../kernel/packets/run';
import { TRACE_CASES } from '../../kernel/packets/trace-cases';
import { compareCaptures } from '../../kernel/packets/verdict';
import { runJourney } from '../../sim/packet/journey';
import { topology } from '../../sim/packet/topology';
import type { BreakName, Mode } from '../../sim/packet/types';
import { errorText, progressText, readyText } from './words';
import { packetStrings } from './packet-strings';

interface Panel {
  box: HTMLElement;
  say(text: string, state: string): void;
  result: HTMLElement;
}

function panel(box: HTMLElement): Panel {
  const status = box.querySelector<HTMLElement>('[data-role="kernel-status"]')!;
  const result = box.querySelector<HTMLElement>('[data-role="kernel-result"]')!;
  // A new run forgets the last one's result and verdict at once (not when the machine answers).
  result.replaceChildren();
  status.textContent = '';
  box.dataset.kernel = 'starting';
  delete box.dataset.kernelDiffs;
  return {
    box,
    result,
    say: (text, state) => {
      status.textContent = text;
      box.dataset.kernel = state;
    },
  };
}

async function run(p: Panel, lang: string, base: string, script: string): Promise<string | undefined> {
  const button = p.box.querySelector<HTMLButtonElement>('[data-role="kernel-run"]')!;
  button.disabled = true;
  try {
    const info = await startKernel(base, (pr) => p.say(progressText(pr, lang), 'starting'));
    p.box.querySelector<HTMLElement>('[data-role="kernel-info"]')!.textContent = readyText(info, lang);
    p.say(packetStrings(lang).running, 'running');
    return (await runOnKernel(base, script, { timeoutMs: 180_000 })).output;
  } catch (err) {
    p.say(errorText(err, lang), 'failed');
    return undefined;
  } finally {
    button.disabled = false;
  }
}

const block = (parent: HTMLElement, title: string, text: string, role?: string) => {
  const d = parent.appendChild(document.createElement('details'));
  d.appendChild(document.createElement('summary')).textContent = title;
  const pre = d.appendChild(document.createElement('pre'));
  pre.tabIndex = 0;
  pre.textContent = text;
  if (role) d.dataset.role = role;
};

const list = (parent: HTMLElement, items: string[], role: string) => {
  const ul = parent.appendChild(document.createElement('ul'));
  ul.dataset.role = role;
  for (const i of items) ul.appendChild(document.createElement('li')).textContent = i;
};

/** The packet player: the mode (and break) on the real kernel, every segment captured. */
export async function runForwarding(box: HTMLElement, mode: Mode, brk: BreakName | undefined, lang: string, base: string): Promise<void> {
  const t = packetStrings(lang);
  const p = panel(box);
  if (mode === 'fullnat') return p.say(t.noFullnat, 'unsupported');
  const output = await run(p, lang, base, packetRunScript(mode, brk));
  if (output === undefined) return;
  const files = readRunFiles(output, runTag(mode, brk));
  const breaks = brk ? [brk] : [];
  const captures: Record<string, CapturedFrame[]> = {};
  for (const link of topology(mode, breaks).links) captures[link] = parseCapture(files[`${link}.txt`] ?? '');
  const diffs = compareCaptures(runJourney({ mode, breaks }), captures, brk);
  box.dataset.kernelDiffs = String(diffs.length);
  p.say(diffs.length ? t.differ(diffs.length) : t.same, diffs.length ? 'differ' : 'same');
  if (diffs.length) list(p.result, diffs, 'kernel-diffs');
  p.result.appendChild(document.createElement('p')).textContent = t.client((files['client.txt'] ?? '').trim() || '—');
  for (const link of topology(mode, breaks).links) block(p.result, t.segment(link, captures[link]!.length), files[`${link}.txt`] ?? '', `capture-${link}`);
  block(p.result, t.table, files['ipvs.txt'] ?? '');
}

/** The hook explorer: the scenario's exchange with iptables TRACE on its node. */
export async function runTrace(box: HTMLElement, scenario: string, lang: string, base: string): Promise<void> {
  const t = packetStrings(lang);
  const p = panel(box);
  const c = TRACE_CASES.find((x) => x.scenario === scenario);
  if (!c) return p.say(t.noTrace, 'unsupported');
  const output = await run(p, lang, base, packetRunScript(c.mode, undefined, { trace: c.node }));
  if (output === undefined) return;
  const text = readRunFiles(output, runTag(c.mode, undefined, c.node))['trace.txt'] ?? '';
  const lines = parseTrace(text);
  const rows = c.packets.map((flags, n) => ({ flags, kernel: packetPath(lines, flags), model: modelPath(c.scenario, n) }));
  const bad = rows.filter((r) => r.kernel.join() !== r.model.join());
  box.dataset.kernelDiffs = String(bad.length);
  p.say(bad.length ? t.traceDiffer : t.traceSame(rows.length), bad.length ? 'differ' : 'same');
  rows.forEach((r, n) => {
    const table = p.result.appendChild(document.createElement('table'));
    table.dataset.role = 'kernel-path';
    table.createCaption().textContent = t.packet(n, r.flags);
    table.createTHead().innerHTML = `<tr><th scope="col">#</th><th scope="col">${t.kernelPath}</th><th scope="col">${t.modelPath}</th></tr>`;
    const body = table.createTBody();
    for (let i = 0; i < Math.max(r.kernel.length, r.model.length); i++) {
      const row = body.insertRow();
      if (r.kernel[i] !== r.model[i]) row.dataset.differs = 'true';
      for (const cell of [String(i + 1), r.kernel[i] ?? '—', r.model[i] ?? '—']) row.insertCell().textContent = cell;
    }
  });
  block(p.result, t.traceLines(text.trim() ? text.trim().split('\n').length : 0), text);
}
