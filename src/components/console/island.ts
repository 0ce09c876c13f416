/**
 * The console's behaviour: each line goes to a session on the simulated director (src/sim/ipvsadm)
 * and what it printed is appended as text (a log a screen reader reads). History with ↑/↓, Tab
 * completion, a link that replays the commands. The console computes nothing itself.
 */
import { Session, type Entry } from '../../sim/ipvsadm/session';
import { complete, commonPrefix } from '../../sim/ipvsadm/complete';
import { readMoment, writeMoment } from '../player/url';
import { listOf } from '../link-state';
import { parseScript } from '../../sim/ipvsadm/script';
import { fill } from '../playground/strings';
import { stringsFor } from './strings';
import { realStrings } from './real-strings';
import { bringIntoView } from '../keep-in-view';

const MAX_OUTPUT = 200_000;

export function start(root: HTMLElement): void {
  const id = root.dataset.console!;
  const s = stringsFor(root.dataset.lang ?? 'en');
  const out = root.querySelector<HTMLPreElement>('[data-role="out"]')!;
  const input = root.querySelector<HTMLInputElement>('[data-role="in"]')!;
  const status = root.querySelector<HTMLElement>('[data-role="status"]')!;
  const session = new Session();
  const past: string[] = [];
  let at = 0;
  let draft = '';

  const print = (text: string) => {
    out.textContent = (out.textContent + text).slice(-MAX_OUTPUT);
    out.scrollTop = out.scrollHeight;
  };
  // The real-kernel switch (./real-mode.ts, loaded when switched on): lines go to real ipvsadm too.
  const realBox = root.querySelector<HTMLInputElement>('[data-role="real"]');
  const promptText = root.querySelector<HTMLElement>('[data-role="prompt"]');
  let real: import('./real-mode').RealDirector | undefined;
  let realMode: typeof import('./real-mode') | undefined;
  const r = realStrings(root.dataset.lang ?? 'en');
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const toReal = async (e: Extract<Entry, { kind: 'command' }>) => {
    if (!real || !realMode || !e.line.trim() || e.line.trimStart().startsWith('#')) return;
    input.readOnly = true;
    root.dataset.real = 'running';
    status.textContent = r.running;
    try {
      const [got] = await real.run([{ line: e.line, stdin: e.stdin }]);
      const sim = { out: e.result.stdout + e.result.stderr, status: e.result.exit };
      print(got!.out);
      if (got!.status !== 0) print(`[${s.exit} ${got!.status}]\n`);
      root.dataset.exit = String(got!.status);
      if (realMode.differs(sim, got!, real.age())) {
        print(`${r.differs}\n${sim.out}${sim.status !== 0 ? `[${s.exit} ${sim.status}]\n` : ''}`);
        root.dataset.differs = String(Number(root.dataset.differs ?? 0) + 1);
      }
      status.textContent = '';
      root.dataset.real = 'done';
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
      root.dataset.real = 'failed';
    } finally {
      input.readOnly = false;
    }
  };
  realBox?.addEventListener('change', () => {
    if (!realBox.checked) {
      real = undefined;
      print(`${r.back}\n`);
      root.dataset.mode = 'sim';
      if (promptText) promptText.textContent = s.prompt;
      return;
    }
    input.readOnly = true;
    root.dataset.mode = 'starting';
    const earlier = session.steps.map((st) => ({ line: st.line, stdin: st.stdin }));
    status.textContent = r.starting;
    void import('./real-mode')
      .then(async (m) => {
        realMode = m;
        const started = await m.startReal(base, root.dataset.lang ?? 'en', earlier, (text) => (status.textContent = text));
        real = started.director;
        print(`${r.banner(earlier.length)}\n`);
        status.textContent = `${started.info} ${r.ready}`;
        root.dataset.mode = 'real';
        if (promptText) promptText.textContent = r.prompt;
      })
      .catch((err: unknown) => {
        realBox.checked = false;
        root.dataset.mode = 'sim';
        status.textContent = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        input.readOnly = false;
      });
  });

  const show = (e: Entry, echo: string) => {
    if (e.kind === 'clear') {
      out.textContent = '';
      return;
    }
    print(`${echo}\n`);
    if (e.kind === 'help') print(`${s.help}\n`);
    if (e.kind === 'command' && real) {
      void toReal(e);
      return;
    }
    if (e.kind === 'command') {
      print(e.result.stdout + e.result.stderr);
      if (e.result.exit !== 0) print(`[${s.exit} ${e.result.exit}]\n`);
      root.dataset.exit = String(e.result.exit);
    }
  };
  const enter = (line: string, record = true) => {
    const continuing = session.continuing;
    const e = session.enter(line);
    show(e, continuing ? `> ${line}` : `${real ? r.prompt : s.prompt} ${line}`);
    if (record && line.trim() && !continuing) past.push(line);
    at = past.length;
    root.dataset.steps = String(session.steps.length);
  };
  const run = (text: string) => {
    for (const step of parseScript(text)) {
      enter(step.line, false);
      if (step.stdin) for (const l of step.stdin.replace(/\n$/, '').split('\n')) enter(l, false);
      const here = /<<\s*'?(\w+)'?\s*$/.exec(step.line);
      if (here) enter(here[1]!, false);
    }
  };

  root.querySelector('form')!.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (input.readOnly) return; // the real kernel is still answering the last line
    const line = input.value;
    input.value = '';
    enter(line);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowUp' && past.length) {
      ev.preventDefault();
      if (at === past.length) draft = input.value;
      at = Math.max(0, at - 1);
      input.value = past[at]!;
    } else if (ev.key === 'ArrowDown' && past.length) {
      ev.preventDefault();
      at = Math.min(past.length, at + 1);
      input.value = at === past.length ? draft : past[at]!;
    } else if (ev.key === 'Tab' && !ev.shiftKey && input.value.trim()) {
      // Tab completes while there is something to complete; on an empty line it moves focus as usual.
      ev.preventDefault();
      const c = complete(session.director, input.value, input.selectionStart ?? input.value.length);
      if (!c.candidates.length) return;
      const word = c.candidates.length === 1 ? `${c.candidates[0]}${c.candidates[0]!.endsWith('=') ? '' : ' '}` : commonPrefix(c.candidates);
      input.value = input.value.slice(0, c.from) + word + input.value.slice(c.to);
      const caret = c.from + word.length;
      input.setSelectionRange(caret, caret);
      if (c.candidates.length > 1) print(`${c.candidates.join('  ')}\n`);
    }
  });

  root.querySelector<HTMLButtonElement>('[data-role="link"]')!.addEventListener('click', () => {
    // The recipe's own setup runs again when the link opens: the link carries only what came after it.
    const steps = session.steps.slice(setupSteps).map((st) => (st.stdin ? { line: st.line, stdin: st.stdin } : st.line));
    const hash = writeMoment(location.hash, id, { x: { steps } });
    window.history.replaceState(window.history.state, '', hash || location.pathname);
    void navigator.clipboard?.writeText(location.href).then(() => (status.textContent = s.copied), () => (status.textContent = s.copied));
  });

  // The starting state a recipe sets up, then a link's commands.
  if (root.dataset.setup) run(root.dataset.setup);
  const setupSteps = session.steps.length;
  const saved = readMoment(location.hash, id).x;
  const steps = listOf(saved, 'steps', (v): v is string | { line: string; stdin: string } =>
    typeof v === 'string' ? v.length <= 2000 : !!v && typeof v === 'object' && typeof (v as { line?: unknown }).line === 'string' && typeof (v as { stdin?: unknown }).stdin === 'string' && (v as { stdin: string }).stdin.length <= 20_000, 500);
  if (steps?.length) {
    for (const st of steps) {
      const line = typeof st === 'string' ? st : st.line;
      const stdin = typeof st === 'string' ? '' : st.stdin;
      run(stdin ? `${line}\n${stdin}${/<<\s*'?(\w+)'?\s*$/.exec(line)?.[1] ?? 'EOF'}\n` : line);
      past.push(line);
    }
    at = past.length;
    status.textContent = fill(s.replayed, { n: steps.length });
    bringIntoView(root);
  }
  input.disabled = false;
  root.dataset.ready = 'true';
}
