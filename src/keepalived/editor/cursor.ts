/**
 * Where a position in a keepalived.conf stands: the blocks around it, and the word under it.
 * keepalived reads a line's first word as its keyword and a '{' as opening the block of the line's
 * keyword (lib/parser.c); that is enough to know the block at any point without a full parse,
 * so completion and hover stay cheap while the reader types.
 */
export interface CursorContext {
  /** Keywords of the enclosing blocks, outermost first. */
  path: string[];
  /** The word the position is in (or touches at its end), with its offsets. */
  word: { text: string; from: number; to: number } | undefined;
  /** The keyword of the position's line, when the position is past it (a value is being written). */
  keyword: string | undefined;
  /** Index of the word on its line: 0 = the keyword itself. */
  index: number;
}

const WORD = /[^\s{}"!#]+/g;

/** The text of a line with its comment taken off (`!` or `#` outside quotes). */
export function codeOf(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '!' || c === '#')) return line.slice(0, i);
  }
  return line;
}

/** The context at `offset` in `text`. Linear in the text before the position; never throws. */
export function contextAt(text: string, offset: number): CursorContext {
  const at = Math.max(0, Math.min(offset, text.length));
  const path: string[] = [];
  let pending: string | undefined; // the keyword of the last line, which a '{' on the next line may open
  let lineStart = 0;
  for (;;) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const last = lineEnd >= at;
    const code = codeOf(text.slice(lineStart, last ? at : lineEnd));
    let first: string | undefined;
    for (const m of code.matchAll(/[{}]|[^\s{}]+/g)) {
      const t = m[0];
      if (t === '{') {
        const owner = first ?? pending;
        path.push(owner ?? '');
        first = undefined;
        pending = undefined;
      } else if (t === '}') {
        path.pop();
        first = undefined;
        pending = undefined;
      } else if (first === undefined) first = t;
    }
    if (last) {
      const full = text.slice(lineStart, lineEnd);
      const col = at - lineStart;
      let word: CursorContext['word'];
      let index = 0;
      let keyword: string | undefined;
      const inComment = codeOf(full).length < col;
      if (!inComment) {
        for (const m of full.matchAll(WORD)) {
          const from = m.index!;
          const to = from + m[0].length;
          if (from > col) break;
          if (to >= col && from <= col) {
            word = { text: m[0], from: lineStart + from, to: lineStart + to };
            break;
          }
          if (index === 0) keyword = m[0];
          index++;
        }
        if (!word) {
          // Between words: the index of the word about to be written.
          const before = [...full.slice(0, col).matchAll(WORD)].filter((m) => !/^[{}]$/.test(m[0]));
          index = before.length;
          keyword = before[0]?.[0];
        }
      }
      if (index === 0) keyword = undefined;
      return { path, word: inComment ? undefined : word, keyword, index: inComment ? -1 : index };
    }
    pending = first ?? pending;
    lineStart = lineEnd + 1;
  }
}
