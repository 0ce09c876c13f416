/**
 * The playground's "run it on a real kernel": the config and its generated peer under real
 * keepalived in the reader's browser (src/kernel, test/kernel/guest/keepalived-pair.py), the same
 * two configs in the simulation (src/sim/vrrp), and every state change compared
 * (src/sim/vrrp/compare.ts). Loaded only when the reader asks.
 */
import { parseConfig } from '../../keepalived';
import { peerConfig } from '../../keepalived/editor/peer';
import { runOnKernel, startKernel } from '../../kernel/client';
import { compareWithSimulation, pairAddresses, pairScript, pairTiming, readPair, type PairResult } from '../../kernel/keepalived-pair';
import { COMPARED_STATES } from '../../sim/vrrp/compare';
import { errorText, progressText, readyText } from '../kernel/words';
import { realStrings } from './real-strings';

export async function runOnRealKernel(box: HTMLElement, text: string, lang: string, base: string, interfaces: string[] | undefined): Promise<void> {
  const t = realStrings(lang);
  const status = box.querySelector<HTMLElement>('[data-role="real-status"]')!;
  const out = box.querySelector<HTMLElement>('[data-role="real-result"]')!;
  const say = (s: string, state: string) => {
    status.textContent = s;
    box.dataset.realState = state;
  };
  out.replaceChildren();
  const mine = parseConfig(text, interfaces ? { interfaces } : {});
  const errors = mine.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) return say(t.invalid.replace('{n}', String(errors)), 'invalid');
  if (!mine.model.instances.length && !mine.model.virtualServers.length) return say(t.nothing, 'invalid');
  const peer = peerConfig(text);
  const models = [mine.model, parseConfig(peer).model] as const;
  const { stopAt, until, startGap } = pairTiming(mine.model.instances.map((i) => i.advertInt));
  try {
    const info = await startKernel(base, (p) => say(progressText(p, lang), 'starting'));
    box.querySelector<HTMLElement>('[data-role="real-info"]')!.textContent = readyText(info, lang);
    say(t.running(stopAt, until), 'running');
    const run = await runOnKernel(base, pairScript({ configs: [text, peer], addresses: pairAddresses([models[0], models[1]]), stopAt, until, startGap }), { timeoutMs: (until + 120) * 1000 });
    const real = readPair(run.output);
    const { sim, diffs, elected } = compareWithSimulation([models[0], models[1]], real, stopAt, until);
    const kept = real.transitions.filter((o) => COMPARED_STATES.includes(o.state)).length;
    box.dataset.realDiffs = String(diffs.length);
    if (!elected) say(t.none, 'same');
    else if (diffs.length === 0) say(t.same(kept), 'same');
    else say(t.differ(diffs.length), 'differ');
    render(out, real, sim, diffs.map((d) => `R${d.router + 1}: ${d.text}`), t);
  } catch (err) {
    say(errorText(err, lang), 'failed');
  }
}

function render(out: HTMLElement, real: PairResult, sim: Array<{ at: number; router: number; instance: string; state: string }>, diffs: string[], t: ReturnType<typeof realStrings>): void {
  if (diffs.length) {
    const ul = out.appendChild(document.createElement('ul'));
    ul.dataset.role = 'real-diffs';
    for (const d of diffs) ul.appendChild(document.createElement('li')).textContent = d;
  }
  const table = out.appendChild(document.createElement('table'));
  table.dataset.role = 'real-transitions';
  table.createCaption().textContent = t.transitionsLabel;
  table.createTHead().innerHTML = `<tr><th scope="col">${t.router}</th><th scope="col">${t.instance}</th><th scope="col">${t.state}</th><th scope="col">${t.real} (${t.when})</th><th scope="col">${t.sim} (${t.when})</th></tr>`;
  const body = table.createTBody();
  const realRows = real.transitions.filter((x) => COMPARED_STATES.includes(x.state));
  const used = new Set<number>();
  for (const x of realRows) {
    const i = sim.findIndex((s, k) => !used.has(k) && s.router === x.router && s.state === x.state);
    if (i >= 0) used.add(i);
    const row = body.insertRow();
    for (const c of [`R${x.router + 1}`, x.instance, x.state, x.at.toFixed(3), i >= 0 ? sim[i]!.at.toFixed(3) : '—']) row.insertCell().textContent = c;
  }
  sim.forEach((s, k) => {
    if (used.has(k)) return;
    const row = body.insertRow();
    for (const c of [`R${s.router + 1}`, s.instance, s.state, '—', s.at.toFixed(3)]) row.insertCell().textContent = c;
  });
  const pre = (title: string, text: string, role: string) => {
    const h = out.appendChild(document.createElement('h4'));
    h.textContent = title;
    const p = out.appendChild(document.createElement('pre'));
    p.dataset.role = role;
    p.tabIndex = 0;
    p.textContent = text;
  };
  pre(t.ipvsBefore, real.ipvs.before[0], 'real-ipvs-before');
  pre(t.ipvsAfter, real.ipvs.after[1], 'real-ipvs-after');
  real.logs.forEach((log, r) => {
    const d = out.appendChild(document.createElement('details'));
    d.appendChild(document.createElement('summary')).textContent = t.logs(r + 1);
    const p = d.appendChild(document.createElement('pre'));
    p.tabIndex = 0;
    p.textContent = log;
  });
}
