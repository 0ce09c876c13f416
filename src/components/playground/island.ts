/**
 * The playground's behaviour: validates on every edit with the same engine `lvs-lab lint` uses
 * (src/keepalived), lists problems (click one to select it in the editor), explains each keyword,
 * summarises the model, and keeps the config in a share link. It decides nothing itself.
 */
import { parseConfig, type Diagnostic } from '../../keepalived';
import { explain } from '../../keepalived/explain';
import { PRESETS } from './presets';
import { decodeConfig, encodeConfig } from './share';
import { stringsFor } from './strings';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const zh = lang.startsWith('zh');
  const s = stringsFor(lang);
  const q = <T extends HTMLElement>(role: string) => root.querySelector<T>(`[data-role="${role}"]`)!;
  const source = q<HTMLTextAreaElement>('source');
  const preset = q<HTMLSelectElement>('preset');
  const ifaces = q<HTMLInputElement>('interfaces');
  const verdict = q<HTMLElement>('verdict');
  const problems = q<HTMLOListElement>('problems');
  const model = q<HTMLElement>('model');
  const explainBox = q<HTMLElement>('explain');
  const share = q<HTMLAnchorElement>('share');

  const fromLink = new URLSearchParams(location.hash.slice(1)).get('cfg');
  source.value = (fromLink !== null ? decodeConfig(fromLink) : undefined) ?? PRESETS.notes!;

  const select = (d: Diagnostic) => {
    const lines = source.value.split('\n');
    const offset = (line: number, col: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
    source.focus();
    source.setSelectionRange(offset(d.line, d.column), offset(d.endLine, Math.max(d.endColumn, d.column + 1)));
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    const list = ifaces.value.split(',').map((x) => x.trim()).filter(Boolean);
    const result = parseConfig(source.value, list.length ? { interfaces: list } : {});
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    verdict.textContent = errors ? `${s.rejected} (${errors})` : s.none;
    root.dataset.errors = String(errors);
    // An empty list under "Problems" reads like a page still loading: say that there are none.
    if (result.diagnostics.length === 0) problems.replaceChildren(Object.assign(document.createElement('li'), { className: 'playground__clean', textContent: s.noProblems }));
    else problems.replaceChildren(...result.diagnostics.map((d) => {
      const li = document.createElement('li');
      li.dataset.severity = d.severity;
      li.dataset.line = String(d.line);
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.textContent = `${s.line} ${d.line}:${d.column}`;
      btn.addEventListener('click', () => select(d));
      const sev = document.createElement('span');
      sev.className = 'sev';
      sev.textContent = d.severity;
      li.append(sev, btn, document.createTextNode(` ${d.message} [${d.code}]`));
      return li;
    }));
    const m = result.model;
    model.innerHTML = `<table><thead><tr><th scope="col">${esc(s.instances)}</th><th scope="col">${esc(s.services)}</th></tr></thead><tbody><tr><td>${
      m.instances.map((i) => esc(`${i.name}: ${i.interface ?? '?'} VRID ${i.virtualRouterId ?? '?'}, ${zh ? '优先级' : 'priority'} ${i.priority}, ${i.state}, VIP ${i.virtualIps.map((v) => v.address).join(' ') || '—'}`)).join('<br>') || '—'
    }</td><td>${
      m.virtualServers.map((v) => esc(`${v.address ?? v.fwmark ?? v.group}:${v.port ?? ''} ${v.protocol ?? ''} ${v.scheduler} ${v.lbKind} → ${v.realServers.map((r) => `${r.address}:${r.port ?? ''}×${r.weight}`).join(', ')}`)).join('<br>') || '—'
    }</td></tr></tbody></table>`;
    const rows = explain(source.value);
    explainBox.innerHTML = `<table><thead><tr><th scope="col">${esc(s.line)}</th><th scope="col">${esc(s.keyword)}</th><th scope="col">${esc(s.meaning)}</th></tr></thead><tbody>${
      rows.map((r) => `<tr><td>${r.line}</td><td><code>${esc(r.keyword)}</code></td><td>${esc((zh ? r.text?.zh : r.text?.en) ?? '—')}</td></tr>`).join('')
    }</tbody></table>`;
    const encoded = encodeConfig(source.value);
    share.href = encoded ? `#cfg=${encoded}` : '#';
    share.title = encoded ? '' : s.tooLong;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  };

  source.addEventListener('input', schedule);
  ifaces.addEventListener('input', schedule);
  preset.addEventListener('change', () => {
    source.value = PRESETS[preset.value] ?? source.value;
    run();
  });
  share.addEventListener('click', (e) => {
    e.preventDefault();
    if (share.getAttribute('href') === '#') return;
    history.replaceState(history.state, '', share.getAttribute('href')!);
    void navigator.clipboard?.writeText(location.href).then(() => (verdict.textContent = s.copied), () => undefined);
  });
  run();
  root.dataset.ready = 'true';
}
