/**
 * Turns keepalived.conf text into the logical lines keepalived 2.2.7's reader (lib/parser.c,
 * read_line and decomment) hands to its keyword matcher, keeping every token's exact position:
 * - `#` and `!` start a comment anywhere outside double quotes (`\#`, `\!` are literal);
 * - `@id` / `@^id` at the start of a line keep it only when the config id matches / does not;
 * - `$NAME=value` defines a parameter (a trailing `\` continues it on the next line), `$NAME` / `${NAME}` use it;
 * - `~SEQ(var, start, [step,] end) line` repeats a line;
 * - `include` lines are handed to the caller to resolve;
 * - a line is cut before and after every `{` and `}` that is outside quotes, so braces may sit on
 *   the keyword's line or the next;
 * - words are separated by blanks; a double-quoted string is one word.
 * Nothing here throws: problems become diagnostics, as keepalived reports them.
 */
import type { Diagnostic, Token } from './types';

export interface LogicalLine {
  tokens: Token[];
  line: number;
  file?: string;
}

export interface IncludeRequest {
  pattern: string;
  line: number;
  column: number;
  endColumn: number;
  file?: string;
}

export interface LexOptions {
  file?: string;
  /** keepalived's config id (its -i option, else the host name's first part); undefined: unknown. */
  configId?: string;
  /** Resolves an include; returns the files' texts, or a message when it cannot. */
  include?: (req: IncludeRequest) => Array<{ file: string; text: string }> | { error: string; severity?: 'error' | 'info' };
  /** Guards against include loops and runaway expansion. */
  maxLines?: number;
}

interface Ch {
  c: string;
  col: number;
}

const BLANK = /[ \t\f\v]/;
/** Characters that need the general path: comments, quotes, escapes, parameters, conditions, sequences. */
const SPECIAL = /["\\#!$@~\r]/;

/** What decomment() leaves of a physical line, with the column each character came from. */
function decomment(raw: string, line: number, file: string | undefined, diags: Diagnostic[]): Ch[] {
  let i = 0;
  while (i < raw.length && (raw[i] === ' ' || raw[i] === '\t')) i++;
  const out: Ch[] = [];
  let quote = false;
  for (; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '"') {
      quote = !quote;
      out.push({ c, col: i + 1 });
      continue;
    }
    if (c === '\\') {
      if (i + 1 < raw.length) {
        const n = raw[i + 1]!;
        if (!quote && (n === '#' || n === '!')) {
          out.push({ c: n, col: i + 2 });
          i++;
          continue;
        }
        out.push({ c, col: i + 1 }, { c: n, col: i + 2 });
        i++;
        continue;
      }
      out.push({ c, col: i + 1 });
      continue;
    }
    if (!quote && (c === '#' || c === '!')) {
      // keepalived keeps scanning the comment for a final '\\' and puts it back after the
      // trimmed text (decomment's `cont`), so a comment ending in '\\' leaves one behind.
      if (trailingBackslash(raw, i + 1)) {
        while (out.length && BLANK.test(out[out.length - 1]!.c)) out.pop();
        out.push({ c: '\\', col: raw.length });
        return finish(out, quote, raw, line, file, diags, true);
      }
      break;
    }
    out.push({ c, col: i + 1 });
  }
  return finish(out, quote, raw, line, file, diags, false);
}

/** Whether scanning raw from `from` with keepalived's backslash pairing ends on a lone final '\\'. */
function trailingBackslash(raw: string, from: number): boolean {
  let j = from;
  while (j < raw.length) {
    if (raw[j] === '\\') {
      if (j + 1 >= raw.length) return true;
      j += 2;
    } else j++;
  }
  return false;
}

function finish(out: Ch[], quote: boolean, raw: string, line: number, file: string | undefined, diags: Diagnostic[], kept: boolean): Ch[] {
  if (quote) {
    diags.push({
      severity: 'error', code: 'unterminated-quote', message: `Unterminated quote: a '"' has no closing '"' on this line`, zh: `引号未闭合：这一行的 '"' 没有对应的 '"'`,
      line, column: 1, endLine: line, endColumn: raw.length + 1, ...(file ? { file } : {}),
    });
  }
  if (!kept) while (out.length && BLANK.test(out[out.length - 1]!.c)) out.pop();
  return out;
}

const str = (chs: Ch[]) => chs.map((x) => x.c).join('');

function trimStart(chs: Ch[]): Ch[] {
  let i = 0;
  while (i < chs.length && BLANK.test(chs[i]!.c)) i++;
  return chs.slice(i);
}

/** alloc_strvec_r: words split on blanks; "…" is one word without its quotes. */
function words(chs: Ch[], line: number, file: string | undefined, diags: Diagnostic[]): Token[] {
  const tokens: Token[] = [];
  const at = (from: number, to: number, quoted: boolean, textFrom = from, textTo = to): Token => ({
    text: str(chs.slice(textFrom, textTo)),
    quoted,
    line,
    column: chs[from]!.col,
    endLine: line,
    endColumn: chs[to - 1]!.col + 1,
    ...(file ? { file } : {}),
  });
  let i = 0;
  while (i < chs.length) {
    while (i < chs.length && BLANK.test(chs[i]!.c)) i++;
    if (i >= chs.length) break;
    if (chs[i]!.c === '"') {
      let j = i + 1;
      while (j < chs.length && chs[j]!.c !== '"') j++;
      if (j >= chs.length) {
        diags.push({
          severity: 'error', code: 'unmatched-quote', message: `Unmatched quote: '${str(chs.slice(i))}' has no closing '"'`, zh: `引号不匹配：'${str(chs.slice(i))}' 没有闭合的 '"'`,
          line, column: chs[i]!.col, endLine: line, endColumn: chs[chs.length - 1]!.col + 1, ...(file ? { file } : {}),
        });
        break;
      }
      tokens.push(at(i, j + 1, true, i + 1, j));
      i = j + 1;
    } else {
      let j = i;
      while (j < chs.length && !BLANK.test(chs[j]!.c) && chs[j]!.c !== '"') j++;
      tokens.push(at(i, j, false));
      i = j;
    }
  }
  return tokens;
}

/** read_line's last step: cut at the first brace outside quotes, the brace alone when it leads. */
function splitBraces(chs: Ch[]): Ch[][] {
  const pieces: Ch[][] = [];
  let rest = chs;
  while (rest.length) {
    let p = -1;
    if (rest[0]!.c === '{' || rest[0]!.c === '}') p = 0;
    else {
      let quote = false;
      for (let i = 0; i < rest.length; i++) {
        const c = rest[i]!.c;
        if (c === '"') quote = !quote;
        else if (!quote && (c === '{' || c === '}')) {
          p = i;
          break;
        }
      }
    }
    if (p < 0) {
      pieces.push(rest);
      break;
    }
    if (p === 0) {
      pieces.push(rest.slice(0, 1));
      rest = trimStart(rest.slice(1));
    } else {
      let head = rest.slice(0, p);
      while (head.length && BLANK.test(head[head.length - 1]!.c)) head = head.slice(0, -1);
      pieces.push(head);
      rest = rest.slice(p);
    }
  }
  return pieces;
}

interface Definition {
  /** Lines of the value (a multi-line definition has several). */
  lines: string[];
}

const DEF = /^\$([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/** keepalived's line buffer (MAXBUF in lib/parser.h): a substitution that would reach it drops the line. */
export const MAX_LINE = 1024;
/** Rounds of multi-line expansion before we call it a loop. */
const MAX_ROUNDS = 64;
/** Lines one physical line may expand to (multi-line definitions that include themselves fan out). */
const MAX_EXPANDED_LINES = 10_000;

/** What substituting a line's parameters gave: its lines, and whether keepalived would stop early or spin. */
interface Substituted {
  lines: Ch[][];
  /** The next replacement would have reached MAX_LINE: keepalived stops there and reads the line as it is. */
  overflow: boolean;
  /** The line never stops changing ($A=$A): keepalived loops forever. */
  loop: boolean;
}

const IDENT = /[A-Za-z0-9_]/;
const IDENT_START = /[A-Za-z_]/;
/** Replacements on one line before we call it a loop (a growing line reaches MAX_LINE long before). */
const MAX_STEPS = 10_000;

/**
 * keepalived's replace_param: the leftmost $NAME or ${NAME} is replaced in place and scanning resumes
 * where the value was inserted, so a value that names a parameter is expanded again. A replacement
 * that would make the line MAX_LINE long or more is not made: keepalived logs it and reads the line
 * as it is. Returns null when nothing on the line names a definition.
 */
function substitute(chs: Ch[], defs: Map<string, Definition>): Substituted | null {
  let buf = chs;
  let changed = false;
  let steps = 0;
  for (let p = 0; p < buf.length - 1; ) {
    if (buf[p]!.c !== '$') {
      p++;
      continue;
    }
    const braces = buf[p + 1]!.c === '{';
    const q = braces ? p + 2 : p + 1;
    let e = q;
    while (e < buf.length && IDENT.test(buf[e]!.c)) e++;
    if (e === q || !IDENT_START.test(buf[q]!.c) || (braces && buf[e]?.c !== '}')) {
      p++;
      continue;
    }
    let name = '';
    for (let i = q; i < e; i++) name += buf[i]!.c;
    const def = defs.get(name);
    if (!def) {
      p++;
      continue;
    }
    if (def.lines.length !== 1) return substituteMultiline(buf, defs);
    const stop = braces ? e + 1 : e;
    const value = def.lines[0]!;
    if (buf.length - (stop - p) + value.length >= MAX_LINE) return { lines: [buf], overflow: true, loop: false };
    if (++steps > MAX_STEPS) return { lines: [buf], overflow: false, loop: true };
    const col = buf[p]!.col;
    const inserted: Ch[] = [];
    for (const c of value) inserted.push({ c, col });
    buf = buf.slice(0, p).concat(inserted, buf.slice(stop));
    changed = true;
  }
  return changed ? { lines: [trimStart(buf)], overflow: false, loop: false } : null;
}

/** A multi-line definition splits the line: every definition is replaced in one pass, line by line. */
function substituteMultiline(chs: Ch[], defs: Map<string, Definition>): Substituted {
  const text = str(chs);
  const re = /\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  let m: RegExpExecArray | null;
  const lines: Ch[][] = [[]];
  let last = 0;
  // Appends one by one: a spread of a long line would overflow the call stack.
  const append = (start: number, end: number) => {
    const into = lines[lines.length - 1]!;
    for (let i = start; i < end; i++) into.push(chs[i]!);
  };
  while ((m = re.exec(text))) {
    const def = defs.get(m[2] ?? m[3]!);
    if (!def) continue;
    append(last, m.index);
    const col = chs[m.index]!.col;
    def.lines.forEach((l, k) => {
      if (k > 0) lines.push([]);
      const into = lines[lines.length - 1]!;
      for (const c of l) into.push({ c, col });
    });
    last = m.index + m[0].length;
    if (lines[lines.length - 1]!.length >= MAX_LINE) return { lines: lines.map(trimStart), overflow: true, loop: false };
  }
  append(last, chs.length);
  return { lines: lines.map(trimStart), overflow: false, loop: false };
}

/** ~SEQ(var, start, end) or ~SEQ(var, start, step, end): the rest of the line once per value. */
function expandSeq(chs: Ch[], defs: Map<string, Definition>): Array<{ defs: Map<string, Definition>; chs: Ch[] }> | null {
  const text = str(chs);
  const m = /^~SEQ\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?\)\s*/.exec(text);
  if (!m) return null;
  const start = Number(m[2]);
  const step = m[4] === undefined ? (Number(m[3]) >= start ? 1 : -1) : Number(m[3]);
  const end = Number(m[4] ?? m[3]);
  const body = chs.slice(m[0].length);
  const out: Array<{ defs: Map<string, Definition>; chs: Ch[] }> = [];
  if (step === 0) return out;
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
    if (out.length >= 10_000) break;
    const d = new Map(defs);
    d.set(m[1]!, { lines: [String(v)] });
    out.push({ defs: d, chs: body });
  }
  return out;
}

/**
 * A word of a plain line (the fast path, no include file): three own fields, as most tokens of a big
 * config live as long as its tree. The rest is what such a word always is: unquoted, on one line, in
 * the main text, ending where its text ends. JSON shows the same keys, in the same order, as the
 * object literal would.
 */
class PlainToken implements Token {
  // `declare`: the constructor sets them; class field definitions would cost an extra step per token.
  declare text: string;
  declare line: number;
  declare column: number;
  declare readonly file?: string;
  constructor(text: string, line: number, column: number) {
    this.text = text;
    this.line = line;
    this.column = column;
  }

  get quoted(): boolean {
    return false;
  }

  get endLine(): number {
    return this.line;
  }

  /** The word is exactly the source text from its column on. */
  get endColumn(): number {
    return this.column + this.text.length;
  }

  toJSON(): object {
    return { text: this.text, quoted: false, line: this.line, column: this.column, endLine: this.line, endColumn: this.column + this.text.length };
  }
}

/** The args of the many lines with one word: one shared empty array (nothing writes to args). */
const NO_WORDS: Token[] = [];

/**
 * The first n words in SCRATCH as a new array. One or two words (most lines) as array literals:
 * V8 can see that these outlive the young generation and allocate them old at once.
 */
function restOf(n: number): Token[] {
  if (n === 0) return NO_WORDS;
  if (n === 1) return [SCRATCH[0]!];
  if (n === 2) return [SCRATCH[0]!, SCRATCH[1]!];
  return SCRATCH.slice(0, n);
}

function plainToken(text: string, line: number, column: number, file: string | undefined): Token {
  const t: Token = { text, quoted: false, line, column, endLine: line, endColumn: column + text.length };
  if (file) t.file = file;
  return t;
}

export interface LexResult {
  lines: LogicalLine[];
  diagnostics: Diagnostic[];
  /** Lines left unclosed: keepalived's block_depth at the end. */
  depth: number;
  /** The last physical line of the main file, for end-of-file diagnostics. */
  lastLine: number;
}

/**
 * Where the logical lines go, one call per line as they are read (the parser takes them straight
 * away, so no table of lines is kept). A lone brace (a third of the lines of a typical config) gets
 * no token unless the receiver makes one (braceToken).
 */
export interface LineSink {
  /** A line of words: its first token and the others (an array the receiver may keep). */
  words(head: Token, rest: Token[]): void;
  /** A lone '{' (close false) or '}' (close true) at this line and column. */
  brace(close: boolean, line: number, column: number, file: string | undefined): void;
}

/** What is left once every line has gone to the sink. */
export interface LexSummary {
  diagnostics: Diagnostic[];
  /** Lines left unclosed: keepalived's block_depth at the end. */
  depth: number;
  /** The last physical line of the main file, for end-of-file diagnostics. */
  lastLine: number;
}

/** A lone brace's token, the same token the general path would make. */
export const braceToken = (close: boolean, line: number, column: number, file: string | undefined): Token =>
  plainToken(close ? '}' : '{', line, column, file);

/** Reused by plainLine for the words after the first. */
const SCRATCH: Token[] = [];
/** Reused by plainLine for a line's words and braces (a brace as its column * 2, + 1 for '}'). */
const ITEMS: Array<Token | number> = [];

/**
 * Repeated words (keywords, common values) share one string: fewer objects to keep and collect.
 * A direct-mapped cache keyed by a hash computed while scanning, so a hit allocates nothing.
 */
const INTERN_SIZE = 4096;
const INTERNED: string[] = new Array<string>(INTERN_SIZE).fill('');

function intern(src: string, from: number, to: number, hash: number): string {
  const len = to - from;
  if (len > 40) return src.slice(from, to);
  const k = (hash ^ (hash >>> 13)) & (INTERN_SIZE - 1);
  const s = INTERNED[k]!;
  if (s.length === len) {
    // A plain loop: short words, and no builtin call per word.
    let j = 0;
    while (j < len && s.charCodeAt(j) === src.charCodeAt(from + j)) j++;
    if (j === len) return s;
  }
  return (INTERNED[k] = src.slice(from, to));
}

export function lex(text: string, opts: LexOptions = {}): LexResult {
  const lines: LogicalLine[] = [];
  const add = (tokens: Token[]) => {
    const file = tokens[0]!.file;
    const line = tokens[0]!.line;
    lines.push(file ? { tokens, line, file } : { tokens, line });
  };
  const t = lexInto(text, opts, {
    words: (head, rest) => add([head, ...rest]),
    brace: (close, line, column, file) => add([braceToken(close, line, column, file)]),
  });
  return { lines, diagnostics: t.diagnostics, depth: t.depth, lastLine: t.lastLine };
}

/** Reads the text and hands each logical line to the sink, in order. */
export function lexInto(text: string, opts: LexOptions, sink: LineSink): LexSummary {
  const diagnostics: Diagnostic[] = [];
  let count = 0;
  const defs = new Map<string, Definition>();
  const maxLines = opts.maxLines ?? 2_000_000;
  let depth = 0;
  let includeDepth = 0;

  const emit = (chs: Ch[], line: number, file: string | undefined) => {
    for (const piece of splitBraces(chs)) {
      if (!piece.length) continue;
      const tokens = words(piece, line, file, diagnostics);
      if (!tokens.length) continue;
      emitTokens(tokens, line, file);
    }
  };

  /** A lone brace: read_line's block depth, then the line. */
  const pushBrace = (c: number, line: number, column: number, file: string | undefined) => {
    if (c === 123) depth++;
    else if (depth-- < 1) {
      depth = 0;
      diagnostics.push({ severity: 'error', code: 'extra-close-brace', message: "Extra '}' found: no block is open here", zh: "多余的 '}'：这里没有打开的块", line, column, endLine: line, endColumn: column + 1, ...(file ? { file } : {}) });
    }
    if (count < maxLines) {
      count++;
      sink.brace(c === 125, line, column, file);
    }
  };

  const pushWords = (head: Token, rest: Token[]) => {
    if (count < maxLines) {
      count++;
      sink.words(head, rest);
    }
  };

  const emitTokens = (tokens: Token[], line: number, file: string | undefined) => {
    const t0 = tokens[0]!;
    if (tokens.length === 1 && !t0.quoted && (t0.text === '{' || t0.text === '}')) {
      // Every lone brace token spans one column (a substituted one sits at its '$').
      pushBrace(t0.text === '{' ? 123 : 125, line, t0.column, file);
      return;
    }
    pushWords(t0, tokens.slice(1));
  };

  /**
   * The common case, a line with no comment, quote, escape, parameter or condition: words and
   * braces straight from the source, without the per-character bookkeeping of the general path.
   */
  const plainLine = (src: string, s: number, e: number, line: number, file: string | undefined, check: boolean): boolean => {
    // One scan: the words and braces gather in ITEMS and go out at the end, so that with `check` a
    // character of the general path's (SPECIAL, or non-ASCII, which String.trimStart may treat as
    // space) or an include line can still hand the whole line over to it (false).
    let k = 0;
    let i = s;
    if (check) {
      while (i < e) {
        const c = src.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 11 && c !== 12) break;
        i++;
      }
      if (i < e && src.charCodeAt(i) === 105 && src.startsWith('include', i)) return false;
    }
    while (i < e) {
      let c = src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 11 || c === 12) {
        i++;
        continue;
      }
      if (c === 123 || c === 125) {
        // A brace is a line of its own, as read_line cuts it.
        ITEMS[k++] = (i - s + 1) * 2 + (c === 125 ? 1 : 0);
        i++;
        continue;
      }
      const from = i;
      let hash = 0;
      while (i < e) {
        c = src.charCodeAt(i);
        if (c === 32 || c === 9 || c === 11 || c === 12 || c === 123 || c === 125) break;
        // " # ! $ \ @ ~ \r, and anything beyond ASCII
        if (check && (c === 34 || c === 35 || c === 33 || c === 36 || c === 92 || c === 64 || c === 126 || c === 13 || c >= 128)) return false;
        hash = (Math.imul(hash, 31) + c) | 0;
        i++;
      }
      if (file) ITEMS[k++] = { text: intern(src, from, i, hash), quoted: false, line, column: from - s + 1, endLine: line, endColumn: i - s + 1, file };
      else ITEMS[k++] = new PlainToken(intern(src, from, i, hash), line, from - s + 1);
    }
    let head: Token | undefined;
    // The other words gather in SCRATCH and are copied out at the right size (most lines have one).
    let n = 0;
    for (let q = 0; q < k; q++) {
      const item = ITEMS[q]!;
      if (typeof item === 'number') {
        if (head) pushWords(head, restOf(n));
        head = undefined;
        n = 0;
        pushBrace(item & 1 ? 125 : 123, line, item >>> 1, file);
      } else if (head) SCRATCH[n++] = item;
      else head = item;
    }
    if (head) pushWords(head, restOf(n));
    return true;
  };

  const processLine = (chs: Ch[], line: number, file: string | undefined, localDefs: Map<string, Definition>, rawLen: number, rounds = 0, budget = { lines: 0, reported: false }): void => {
    // @id / @^id: keep the line only for the matching (or any other) config id.
    let s = str(chs);
    if (s.startsWith('@')) {
      const rev = s[1] === '^';
      const m = /^@\^?(\S+)[ \t]/.exec(s);
      if (!m) return;
      const matches = opts.configId !== undefined && m[1] === opts.configId;
      if (matches === rev) return;
      chs = trimStart(chs.slice(m[0].length));
      s = str(chs);
    }
    const seq = s.startsWith('~SEQ') ? expandSeq(chs, localDefs) : null;
    if (s.startsWith('~SEQ') && seq === null) {
      diagnostics.push({ severity: 'error', code: 'invalid-seq', message: `Invalid ~SEQ specification '${s}': write ~SEQ(var, start, end) or ~SEQ(var, start, step, end) before the line to repeat`, zh: `无效的 ~SEQ 写法 '${s}'：请在要重复的行前写 ~SEQ(var, start, end) 或 ~SEQ(var, start, step, end)`, line, column: chs[0]!.col, endLine: line, endColumn: rawLen + 1, ...(file ? { file } : {}) });
      return;
    }
    if (seq) {
      for (const { defs: d, chs: body } of seq) processLine(body, line, file, d, rawLen);
      return;
    }
    if (s.startsWith('~')) return;
    if (localDefs.size && s.includes('$')) {
      const replaced = substitute(chs, localDefs);
      if (replaced) {
        const where = { line, column: chs[0]!.col, endLine: line, endColumn: rawLen + 1, ...(file ? { file } : {}) };
        budget.lines += replaced.lines.length;
        if (replaced.loop || rounds >= MAX_ROUNDS || budget.lines > MAX_EXPANDED_LINES) {
          if (!budget.reported) {
            budget.reported = true;
            diagnostics.push({ severity: 'error', code: 'param-loop', message: `The parameters on this line expand to themselves without end: keepalived 2.2.7 loops forever here and never starts. Check definitions like $A=$A, or $A=$B with $B=$A`, zh: `这一行的参数无休止地展开成自身：keepalived 2.2.7 会在这里死循环，永远启动不了。检查 $A=$A，或 $A=$B 且 $B=$A 这样的定义`, ...where });
          }
          return;
        }
        if (replaced.overflow) {
          // keepalived only logs this, and goes on with the line as far as it got.
          diagnostics.push({ severity: 'warning', code: 'param-too-long', message: `Parameter substitution on this line would exceed keepalived's maximum line length (${MAX_LINE}): keepalived stops substituting and reads the line as it stands, '$' names included`, zh: `这一行的参数替换会超过 keepalived 的最大行长（${MAX_LINE}）：keepalived 停止替换，按原样读取这一行，包括 '$' 名字`, ...where });
          for (const l of replaced.lines) if (l.length) emit(l, line, file);
          return;
        }
        for (const l of replaced.lines) if (l.length) processLine(l, line, file, localDefs, rawLen, rounds + 1, budget);
        return;
      }
    }
    emit(chs, line, file);
  };

  let mainLines = 1;
  const readFile = (src: string, file: string | undefined) => {
    const srcLen = src.length;
    if (file === opts.file && includeDepth === 0) {
      let physical = 1;
      for (let k = src.indexOf('\n'); k >= 0; k = src.indexOf('\n', k + 1)) physical++;
      mainLines = physical;
    }
    let pendingDef: { name: string; def: Definition } | undefined;
    let start = 0;
    for (let n = 0; ; n++) {
      let end = src.indexOf('\n', start);
      const lastPhysical = end < 0;
      if (lastPhysical) end = srcLen;
      const from = start;
      start = end + 1;
      if (count >= maxLines) {
        diagnostics.push({ severity: 'error', code: 'too-large', message: `The configuration expands to more than ${maxLines} lines; stopped reading here`, zh: `配置展开后超过 ${maxLines} 行；在此停止读取`, line: n + 1, column: 1, endLine: n + 1, endColumn: 1, ...(file ? { file } : {}) });
        return;
      }
      const line = n + 1;
      if (pendingDef || !plainLine(src, from, end, line, file, true)) general(src.slice(from, end), line, file);
      if (lastPhysical) break;
    }

    /** One physical line the fast path cannot take, exactly as read_line and decomment see it. */
    function general(physicalLine: string, line: number, file: string | undefined) {
      let raw = physicalLine;
      if (raw.endsWith('\r')) raw = raw.replace(/\r+$/, '');
      if (pendingDef) {
        // A multi-line definition goes on while its lines end in '\'.
        if (!raw.trim()) {
          pendingDef = undefined;
          return;
        }
        const chs = decomment(raw, line, file, diagnostics);
        let t = str(chs);
        const more = t.endsWith('\\');
        if (more) t = t.slice(0, -1).trimEnd();
        if (t) pendingDef.def.lines.push(t);
        if (!more) pendingDef = undefined;
        return;
      }
      if (!raw) return;
      if (!SPECIAL.test(raw) && (raw.indexOf('include') < 0 || !raw.trimStart().startsWith('include'))) {
        plainLine(raw, 0, raw.length, line, file, false);
        return;
      }
      const chs = decomment(raw, line, file, diagnostics);
      if (!chs.length) return;
      const s = str(chs);
      const dm = DEF.exec(s);
      if (dm) {
        let value = s.slice(dm[0].length).replace(/^[ \t]+/, '');
        const multi = value.endsWith('\\');
        if (multi) value = value.slice(0, -1).trimEnd();
        const def: Definition = { lines: value ? [value] : [] };
        defs.set(dm[1]!, def);
        if (multi) pendingDef = { name: dm[1]!, def };
        return;
      }
      const inc = /^include([rmwba])?[ \t]+(.*)$/.exec(s);
      if (inc) {
        const pattern = inc[2]!.trim();
        const req: IncludeRequest = { pattern, line, column: chs[0]!.col, endColumn: chs[chs.length - 1]!.col + 1, ...(file ? { file } : {}) };
        const got = opts.include?.(req) ?? { error: `include '${pattern}' is not followed here: paste the included file's contents instead`, severity: 'info' as const };
        if ('error' in got) {
          diagnostics.push({ severity: got.severity ?? 'error', code: 'include', message: got.error, zh: `include 的文件无法读取：${got.error}`, line, column: req.column, endLine: line, endColumn: req.endColumn, ...(file ? { file } : {}) });
        } else if (includeDepth > 16) {
          diagnostics.push({ severity: 'error', code: 'include', message: 'includes nest more than 16 deep: is a file including itself?', zh: 'include 嵌套超过 16 层：是不是有文件包含了自己？', line, column: req.column, endLine: line, endColumn: req.endColumn, ...(file ? { file } : {}) });
        } else {
          includeDepth++;
          for (const f of got) readFile(f.text, f.file);
          includeDepth--;
        }
        return;
      }
      processLine(chs, line, file, defs, raw.length);
    }
  };

  readFile(text, opts.file);
  return { diagnostics, depth, lastLine: Math.max(1, mainLines) };
}
