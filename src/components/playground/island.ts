/**
 * The playground's behaviour. The text is validated off the main thread (./validator.ts) with the
 * engine `lvs-lab lint` uses; problems, the plain-language reading, the topology and the IPVS table
 * are drawn from that analysis. The CodeMirror editor (./editor.ts) loads on first use of the text
 * area, so the page costs little until then. The text is kept in local storage and in share links;
 * "Download as a lab" and "Run it" hand the same text to the lab script and to the chapters' labs.
 */
import type { Analysis } from '../../keepalived/editor/analysis';
import type { HoverInfo } from '../../keepalived/editor/hover';
import type { PlaygroundEditor } from './editor';
import { EXAMPLES, exampleById } from './examples';
import { decodeConfig, encodeConfig, MAX_LINK_CHARS } from './share';
import { loadText, saveText, setAside, takeAside } from './storage';
import { fill, stringsFor } from './strings';
import { validator } from './validator';
import { topologySvg } from './topology';
import { onWidth } from '../fit';

const LIST_MAX = 300;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {}, ...kids: Array<Node | string>) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};

export async function start(root: HTMLElement): Promise<void> {
  const lang = root.dataset.lang ?? 'en';
  const zh = lang.startsWith('zh');
  const s = stringsFor(lang);
  const q = <T extends HTMLElement>(role: string) => root.querySelector<T>(`[data-role="${role}"]`)!;
  const area = q<HTMLTextAreaElement>('source');
  const host = q<HTMLElement>('editor-host');
  const examples = q<HTMLSelectElement>('preset');
  const ifaces = q<HTMLInputElement>('interfaces');
  const verdict = q<HTMLElement>('verdict');
  const message = q<HTMLElement>('message');
  const problems = q<HTMLOListElement>('problems');
  const readBackBox = q<HTMLElement>('read-back');
  const topo = q<HTMLElement>('topology');
  const ipvs = q<HTMLPreElement>('ipvs');
  const cursorBox = q<HTMLElement>('cursor');
  const storeNote = q<HTMLElement>('stored');

  let editor: PlaygroundEditor | undefined;
  let last: Analysis | undefined;
  const text = () => editor?.text() ?? area.value;
  const say = (msg: string, extra?: Node) => message.replaceChildren(msg, ...(extra ? [' ', extra] : []));

  // Where the text comes from: a link first, then what this browser kept, then the first example.
  const stored = loadText();
  let initial = stored ?? EXAMPLES[0]!.text;
  const linked = await decodeConfig(location.hash);
  if (linked && 'text' in linked) {
    if (stored !== undefined && stored !== linked.text) {
      setAside(stored);
      const restore = el('button', { type: 'button', textContent: s.restore });
      restore.dataset.role = 'restore';
      restore.addEventListener('click', () => {
        const back = takeAside();
        if (back !== undefined) setText(back);
        message.replaceChildren();
      });
      say(s.restored, restore);
    }
    initial = linked.text;
  } else if (linked) say(linked.error === 'newer' ? s.newerLink : s.damagedLink);
  area.value = initial;

  const setText = (t: string) => {
    if (editor) editor.setText(t);
    else {
      area.value = t;
      changed();
    }
  };

  // ---- analysis → views
  const render = (a: Analysis) => {
    last = a;
    root.dataset.errors = String(a.errors);
    root.dataset.checked = String(a.version);
    root.dataset.validateMs = String(a.ms);
    verdict.textContent = a.errors ? `${s.rejected} (${a.errors})` : s.none;
    editor?.showAnalysis(a);
    if (a.total === 0) problems.replaceChildren(el('li', { className: 'playground__clean', textContent: s.noProblems }));
    else {
      const items = a.diagnostics.slice(0, LIST_MAX).map((d) => {
        const li = el('li');
        li.dataset.severity = d.severity;
        li.dataset.line = String(d.line);
        li.dataset.code = d.code;
        const btn = el('button', { type: 'button', textContent: `${s.line} ${d.line}:${d.column}` });
        btn.addEventListener('click', () => select(d.line, d.column, d.endLine, d.endColumn));
        li.append(el('span', { className: 'sev', textContent: d.severity }), btn, ` ${zh ? d.zh : d.message} [${d.code}]`);
        return li;
      });
      if (a.total > items.length) items.push(el('li', { className: 'playground__more', textContent: fill(s.more, { n: a.total - items.length }) }));
      problems.replaceChildren(...items);
    }
    readBackBox.replaceChildren(...a.readBack.slice(0, 60).map((b) => {
      const sec = el('section');
      const jump = el('button', { type: 'button', className: 'playground__jump', textContent: `${b.title}` });
      jump.addEventListener('click', () => select(b.line, 1, b.line, 1));
      sec.append(el('h4', {}, jump, el('span', { className: 'playground__at', textContent: ` · ${s.line} ${b.line}` })), ...(zh ? b.zh : b.en).map((p) => el('p', { textContent: p })));
      return sec;
    }));
    drawTopology();
    const lines = a.ipvs.split('\n');
    ipvs.textContent = a.model.virtualServers.length ? (lines.length > 400 ? `${lines.slice(0, 400).join('\n')}\n…` : a.ipvs) : s.noServices;
  };
  let topoWidth = 640;
  const drawTopology = () => {
    if (last) topo.innerHTML = topologySvg(last.model, zh, topoWidth);
  };
  onWidth(topo, (w) => {
    topoWidth = w;
    drawTopology();
  });

  const check = validator(render, (m) => (verdict.textContent = m));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const list = () => ifaces.value.split(',').map((x) => x.trim()).filter(Boolean);
  /** The text changed (or, at start, was loaded: then it is checked but not saved, as the reader wrote nothing yet). */
  const changed = (save = true) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const t = text();
      // Control characters other than tab and line ends: most likely a binary file pasted.
      const controls = t.length < 4_000_000 ? (t.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g) ?? []).length : 0;
      if (controls) say(fill(s.binary, { n: controls }));
      check.check(t, list());
    }, 150);
    if (!save) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const why = saveText(text());
      storeNote.textContent = why ? fill(s.notSaved, { why }) : s.saved;
      storeNote.dataset.saved = String(!why);
    }, 400);
  };
  const select = (line: number, column: number, endLine: number, endColumn: number) => {
    if (editor) return editor.select(line, column, endLine, endColumn);
    const lines = area.value.split('\n');
    const offset = (l: number, c: number) => lines.slice(0, l - 1).reduce((n, x) => n + x.length + 1, 0) + c - 1;
    area.focus();
    area.setSelectionRange(offset(line, column), offset(endLine, Math.max(endColumn, column + 1)));
  };
  const showCursor = (info: HoverInfo | undefined, line: number) => {
    cursorBox.replaceChildren(...(info
      ? [el('strong', { textContent: `${s.line} ${line} · ${info.title}` }), ...info.lines.map((l) => el('p', { textContent: l }))]
      : [el('p', { className: 'playground__hint', textContent: s.cursorHint })]));
  };

  // ---- the editor, on first use
  let loading: Promise<void> | undefined;
  const upgrade = () => {
    loading ??= (async () => {
      host.dataset.loading = 'true';
      const { createEditor } = await import('./editor');
      const { selectionStart, selectionEnd } = area;
      const hadFocus = document.activeElement === area;
      editor = createEditor({ parent: host, text: area.value, lang: zh ? 'zh' : 'en', label: s.label, onChange: () => changed(), onCursor: showCursor });
      area.hidden = true;
      area.setAttribute('aria-hidden', 'true');
      area.tabIndex = -1;
      delete host.dataset.loading;
      root.dataset.editor = 'codemirror';
      editor.view.dispatch({ selection: { anchor: Math.min(selectionStart, editor.view.state.doc.length), head: Math.min(selectionEnd, editor.view.state.doc.length) } });
      if (hadFocus) editor.view.focus();
      if (last) editor.showAnalysis(last);
    })();
    return loading;
  };
  for (const ev of ['focus', 'pointerdown', 'keydown'] as const) area.addEventListener(ev, () => void upgrade(), { once: true });
  // Typed or pasted before the editor is ready: validated and kept all the same.
  area.addEventListener('input', () => changed());

  // ---- the bar
  examples.addEventListener('change', () => {
    const ex = exampleById(examples.value);
    if (ex) setText(ex.text);
  });
  ifaces.addEventListener('input', () => changed(false));
  q<HTMLButtonElement>('format').addEventListener('click', async () => {
    await upgrade();
    editor!.format();
  });
  q<HTMLButtonElement>('share').addEventListener('click', async () => {
    const got = await encodeConfig(text());
    if ('tooLong' in got) {
      say(fill(s.tooLong, { n: got.tooLong, max: MAX_LINK_CHARS }));
      root.dataset.share = 'too-long';
      return;
    }
    history.replaceState(history.state, '', `#${got.fragment}`);
    root.dataset.share = 'ok';
    const ok = await navigator.clipboard?.writeText(location.href).then(() => true, () => false);
    say(ok ? s.copied : s.linkReady);
  });
  q<HTMLButtonElement>('download').addEventListener('click', async () => {
    const [{ labScript }, { parseConfig }] = await Promise.all([import('../../keepalived/editor/lab-script'), import('../../keepalived')]);
    const t = text();
    const r = parseConfig(t);
    const script = labScript({ text: t, model: r.model, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ line: d.line, message: d.message })), source: location.origin + location.pathname });
    const a = el('a', { href: URL.createObjectURL(new Blob([script], { type: 'text/x-shellscript' })), download: 'lab.sh' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    say(s.downloaded);
  });
  q<HTMLButtonElement>('run').addEventListener('click', async () => {
    const { runInLabs } = await import('./run');
    const ok = await runInLabs(text());
    say(ok ? s.ran : s.runNone);
  });
  // The real kernel: its module, and the machine, load only when asked. Its routers have eth0 and eth1.
  const realButton = q<HTMLButtonElement>('run-real');
  realButton.addEventListener('click', async () => {
    const box = q<HTMLElement>('real');
    box.hidden = false;
    box.scrollIntoView({ block: 'start' });
    realButton.disabled = true;
    try {
      const { runOnRealKernel } = await import('./real-run');
      await runOnRealKernel(box, text(), lang, import.meta.env.BASE_URL.replace(/\/?$/, '/'), ['eth0', 'eth1']);
    } finally {
      realButton.disabled = false;
    }
  });

  showCursor(undefined, 1);
  changed(false);
  root.dataset.ready = 'true';
}
