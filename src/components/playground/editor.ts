/**
 * The playground's editor: CodeMirror 6 with keepalived highlighting (./highlight.ts), the validator's
 * diagnostics as underlines, gutter marks and CodeMirror's problems panel (F8 / Shift-F8 move between
 * them, Ctrl-Shift-M opens the panel), quick fixes from the diagnostics' fixes, hover and completion
 * from the schema (src/keepalived/editor), and a format command. It computes nothing about keepalived
 * itself; the island hands it the analysis.
 */
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, hoverTooltip } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { bracketMatching, indentUnit } from '@codemirror/language';
import { keepalivedLanguage, keepalivedHighlight } from './highlight';
import { completionsAt } from '../../keepalived/editor/complete';
import { hoverAt, type HoverInfo } from '../../keepalived/editor/hover';
import { formatConfig } from '../../keepalived/editor/format';
import type { Analysis } from '../../keepalived/editor/analysis';

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  lang: 'en' | 'zh';
  label: string;
  /** The text changed (read it with text(); a 2 MB document is not copied per keystroke). */
  onChange: () => void;
  onCursor: (info: HoverInfo | undefined, line: number) => void;
}

export interface PlaygroundEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  showAnalysis(a: Analysis): void;
  format(): void;
  select(line: number, column: number, endLine: number, endColumn: number): void;
}

const ZH_PHRASES: Record<string, string> = {
  Diagnostics: '问题', 'No diagnostics': '没有问题', close: '关闭', Completions: '补全',
  'Go to line': '跳转到行', go: '跳转', Find: '查找', Replace: '替换', next: '下一个', previous: '上一个',
  all: '全部', 'match case': '区分大小写', regexp: '正则表达式', 'by word': '全词', replace: '替换', 'replace all': '全部替换',
  'Selection deleted': '已删除选区', 'current match': '当前匹配', 'on line': '在行',
};

/** Line/column (1-based, end exclusive) to document offsets, clamped to the document. */
function offsets(state: EditorState, line: number, column: number): number {
  const ln = state.doc.line(Math.max(1, Math.min(line, state.doc.lines)));
  return Math.min(ln.to, ln.from + Math.max(0, column - 1));
}

export function createEditor(o: EditorOptions): PlaygroundEditor {
  const zh = o.lang === 'zh';
  const complete = (ctx: CompletionContext): CompletionResult | null => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    if (!ctx.explicit && !/[\w-]$/.test(before)) return null;
    const got = completionsAt(ctx.state.sliceDoc(0, line.to), ctx.pos, o.lang);
    if (!got?.options.length) return null;
    return {
      from: got.from,
      to: got.to,
      options: got.options.map((opt) => ({
        label: opt.label,
        type: opt.kind === 'block' ? 'class' : opt.kind === 'value' ? 'enum' : 'keyword',
        ...(opt.detail ? { detail: opt.detail } : {}),
        ...(opt.info ? { info: opt.info } : {}),
      })),
      validFor: /^[\w-]*$/,
    };
  };
  const hover = hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    const info = hoverAt(view.state.sliceDoc(0, line.to), pos, o.lang);
    if (!info) return null;
    return {
      pos: info.from,
      end: info.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'kc-hover';
        const title = document.createElement('strong');
        title.textContent = info.title;
        dom.append(title, ...info.lines.map((l) => Object.assign(document.createElement('p'), { textContent: l })));
        return { dom };
      },
    };
  });
  let cursorTimer: ReturnType<typeof setTimeout> | undefined;
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    bracketMatching(),
    highlightSelectionMatches(),
    indentUnit.of('    '),
    // Long lines wrap: on a phone a config reads down the page, never sideways.
    EditorView.lineWrapping,
    keepalivedLanguage,
    keepalivedHighlight,
    lintGutter(),
    hover,
    autocompletion({ override: [complete], activateOnTyping: true }),
    keymap.of([
      { key: 'Shift-Alt-f', run: (v) => (api.format(), v.hasFocus) },
      ...completionKeymap,
      ...lintKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...defaultKeymap,
      indentWithTab,
    ]),
    EditorView.contentAttributes.of({ 'aria-label': o.label, spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
    EditorState.phrases.of(zh ? ZH_PHRASES : {}),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) o.onChange();
      if (u.docChanged || u.selectionSet) {
        clearTimeout(cursorTimer);
        cursorTimer = setTimeout(() => {
          const pos = u.view.state.selection.main.head;
          const line = u.view.state.doc.lineAt(pos);
          o.onCursor(hoverAt(u.view.state.sliceDoc(0, line.to), pos, o.lang), line.number);
        }, 80);
      }
    }),
  ];
  const view = new EditorView({ parent: o.parent, state: EditorState.create({ doc: o.text, extensions }) });

  const api: PlaygroundEditor = {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    showAnalysis(a) {
      const state = view.state;
      const diagnostics: CmDiagnostic[] = a.diagnostics.filter((d) => !d.file).map((d) => {
        const from = offsets(state, d.line, d.column);
        const to = Math.max(from, offsets(state, d.endLine, d.endColumn));
        const fix = d.fix;
        return {
          from,
          to,
          severity: d.severity === 'info' ? 'info' : d.severity,
          message: `${zh ? d.zh : d.message} [${d.code}]`,
          source: 'keepalived -t',
          ...(fix ? {
            actions: [{
              name: zh ? fix.titleZh : fix.title,
              apply(v: EditorView) {
                const s = v.state;
                v.dispatch({ changes: { from: offsets(s, fix.range.line, fix.range.column), to: offsets(s, fix.range.endLine, fix.range.endColumn), insert: fix.text } });
              },
            }],
          } : {}),
        };
      });
      view.dispatch(setDiagnostics(state, diagnostics));
    },
    format() {
      const before = view.state;
      const head = before.doc.lineAt(before.selection.main.head);
      const text = formatConfig(before.doc.toString());
      if (text === before.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: before.doc.length, insert: text } });
      // Keep the cursor on its line, at the line's end of indentation.
      const line = view.state.doc.line(Math.min(head.number, view.state.doc.lines));
      view.dispatch({ selection: { anchor: line.from + (/^\s*/.exec(line.text)?.[0].length ?? 0) } });
    },
    select(line, column, endLine, endColumn) {
      const from = offsets(view.state, line, column);
      const to = Math.max(from + (endLine === line && endColumn <= column ? 1 : 0), offsets(view.state, endLine, endColumn));
      view.dispatch({ selection: { anchor: from, head: Math.min(to, view.state.doc.length) }, scrollIntoView: true });
      view.focus();
    },
  };
  return api;
}
