/**
 * Builds the config tree the way keepalived 2.2.7's process_stream() walks it: each logical line's
 * first word is looked up among the keywords of the current block; a keyword with sub-keywords
 * opens a block (its '{' may be on the next line); a value-block keyword reads raw lines up to '}'.
 * Structural mistakes are reported exactly where keepalived reports them, and parsing goes on:
 * an unknown keyword is skipped, an unexpected '{' ignored, a missing '}' reported at the end.
 */
import { braceToken, lexInto, type LexOptions, type LineSink } from './lexer';
import { ROOT, type KeywordNode } from './schema/tree';
import type { Diagnostic, Range, Token } from './types';
import { suggest } from './suggest';
import { RENAMED } from './schema/renames';

export interface ConfigNode {
  keyword: Token;
  args: Token[];
  /** Sub-keywords, for a keyword that opens a block. */
  children?: ConfigNode[];
  /** Raw value lines, for a value-block keyword (virtual_ipaddress, unicast_peer, …). */
  values?: Token[][];
  /** From the keyword to the closing brace (or the keyword line). */
  range: Range;
  file?: string;
}

/**
 * A node as the parser makes it. The range is not stored: it is the keyword's start and the end of
 * the last word (or of the closing brace), so a node keeps two numbers instead of an object, and
 * `range` builds the object when someone reads it. JSON shows the same keys, in the same order, as
 * a plain object would.
 */
class Node implements ConfigNode {
  // `declare`: the constructor sets them; class field definitions would cost an extra step per node.
  declare keyword: Token;
  declare args: Token[];
  declare children: ConfigNode[] | undefined;
  declare values: Token[][] | undefined;
  declare endLine: number;
  declare endColumn: number;
  constructor(keyword: Token, args: Token[], endLine: number, endColumn: number) {
    this.keyword = keyword;
    this.args = args;
    this.children = undefined;
    this.values = undefined;
    this.endLine = endLine;
    this.endColumn = endColumn;
  }

  /** The keyword's file: a node is where its keyword is. */
  get file(): string | undefined {
    return this.keyword.file;
  }

  get range(): Range {
    return { line: this.keyword.line, column: this.keyword.column, endLine: this.endLine, endColumn: this.endColumn };
  }

  toJSON(): object {
    const o: Record<string, unknown> = { keyword: this.keyword, args: this.args, range: this.range };
    if (this.file) o.file = this.file;
    if (this.children) o.children = this.children;
    else if (this.values) o.values = this.values;
    return o;
  }
}

export interface ParseResult {
  nodes: ConfigNode[];
  diagnostics: Diagnostic[];
}

/** Top-level keywords every keepalived process reads (global_parser.c); the rest belong to one process. */
const GLOBAL_ROOTS = new Set(['global_defs', 'linkbeat_use_polling', 'net_namespace', 'net_namespace_ipvs', 'namespace_with_ipsets', 'use_pid_dir', 'instance', 'child_wait_time']);
const NAMED_VALUE_BLOCKS = new Set(['virtual_server_group']);

function at(t: Token): Range & { file?: string } {
  const r: Range & { file?: string } = { line: t.line, column: t.column, endLine: t.endLine, endColumn: t.endColumn };
  if (t.file) r.file = t.file;
  return r;
}

/**
 * stack[m..] as a new array. The usual few children as array literals: V8 sees that what these
 * sites make outlives the young generation and allocates it old at once, rather than copying it.
 */
function copyOut(stack: ConfigNode[], m: number): ConfigNode[] {
  switch (stack.length - m) {
    case 0: return [];
    case 1: return [stack[m]!];
    case 2: return [stack[m]!, stack[m + 1]!];
    case 3: return [stack[m]!, stack[m + 1]!, stack[m + 2]!];
    case 4: return [stack[m]!, stack[m + 1]!, stack[m + 2]!, stack[m + 3]!];
    case 5: return [stack[m]!, stack[m + 1]!, stack[m + 2]!, stack[m + 3]!, stack[m + 4]!];
    case 6: return [stack[m]!, stack[m + 1]!, stack[m + 2]!, stack[m + 3]!, stack[m + 4]!, stack[m + 5]!];
    default: return stack.slice(m);
  }
}

/**
 * Each block's keywords as a Map, made once: a line's first word is looked up there rather than as a
 * property name of the keyword table, which would make V8 internalize every word it is asked about.
 */
const KEYWORD_MAPS = new WeakMap<Record<string, KeywordNode>, Map<string, KeywordNode>>();
function keywordMap(keywords: Record<string, KeywordNode>): Map<string, KeywordNode> {
  let m = KEYWORD_MAPS.get(keywords);
  if (!m) KEYWORD_MAPS.set(keywords, (m = new Map(Object.entries(keywords))));
  return m;
}

/** One block being read: a block of keywords, or a value block (no keywords). */
interface Frame {
  keywords: Record<string, KeywordNode> | undefined;
  /** The same keywords, for lookups. */
  map: Map<string, KeywordNode> | undefined;
  level: number;
  /** The next line should be its '{'. */
  needBob: boolean;
  owner: Node | undefined;
  /** Where the block's children start on the reader's stack. */
  mark: number;
  /** A top-level block that may have to be read again when it ends (see Reader.closeBlock). */
  reread: boolean;
}

/** A line kept for reading again: a line of words, or a lone brace. */
type KeptLine = { head: Token; rest: Token[] } | { head: undefined; close: boolean; line: number; column: number; file: string | undefined };

/**
 * process_stream as a state machine: the lexer hands it one logical line at a time (no table of
 * lines), and the blocks being read are a stack of frames. Every level's nodes gather on one stack
 * and are copied out at their final size when the level ends.
 */
class Reader implements LineSink {
  readonly stack: ConfigNode[] = [];
  private readonly frames: Frame[];
  private top: Frame;
  /** 0: nothing kept; 1: a top-level block just opened without '{' on its line, its next line decides; 2: its lines go to `kept`. */
  private rereadState = 0;
  private kept: KeptLine[] = [];

  constructor(private readonly diagnostics: Diagnostic[]) {
    this.top = { keywords: ROOT, map: keywordMap(ROOT), level: 0, needBob: false, owner: undefined, mark: 0, reread: false };
    this.frames = [this.top];
  }

  words(head: Token, rest: Token[]): void {
    if (this.rereadState !== 0) this.keep(0, { head, rest });
    this.step(0, head, rest, 0, 0, undefined);
  }

  brace(close: boolean, line: number, column: number, file: string | undefined): void {
    const kind = close ? 125 : 123;
    if (this.rereadState !== 0) this.keep(kind, { head: undefined, close, line, column, file });
    this.step(kind, undefined, undefined, line, column, file);
  }

  /** The end of the lines: every open block ends where it is (keepalived reports the missing '}' later). */
  finish(): void {
    while (this.frames.length > 1) {
      const f = this.top;
      if (f.keywords) this.closeBlock(f);
      else this.pop();
    }
  }

  private keep(kind: number, line: KeptLine): void {
    if (this.rereadState === 1) {
      if (kind === 123) {
        this.rereadState = 0;
        return;
      }
      this.rereadState = 2;
      this.kept = [];
    }
    this.kept.push(line);
  }

  private pop(): void {
    this.frames.pop();
    this.top = this.frames[this.frames.length - 1]!;
  }

  /**
   * A block ends. keepalived parses the file once per process. The processes for which a top-level
   * block is not theirs skip it by counting braces, and with no '{' they stop skipping at once: they
   * read the block's lines as top-level keywords. Their complaints count too (their nodes do not):
   * the lines from the keyword's next line to the block's end were kept for this, and are read again.
   */
  private closeBlock(f: Frame): void {
    this.pop();
    const node = f.owner!;
    node.children = copyOut(this.stack, f.mark);
    this.stack.length = f.mark;
    if (!f.reread) return;
    const again = this.rereadState === 2 ? this.kept : undefined;
    this.rereadState = 0;
    this.kept = [];
    if (!again) return;
    const sub = new Reader(this.diagnostics);
    for (const l of again) {
      if (l.head) sub.words(l.head, l.rest);
      else sub.brace(l.close, l.line, l.column, l.file);
    }
    sub.finish();
  }

  /** One line: kind 0 (words: head, rest), 123 or 125 (a lone brace at bLine, bCol). */
  private step(kind: number, head: Token | undefined, rest: Token[] | undefined, bLine: number, bCol: number, bFile: string | undefined): void {
    const f = this.top;
    const diagnostics = this.diagnostics;
    const keywords = f.keywords;
    if (!keywords) {
      // alloc_value_block: lines up to a '}' (the '{' is expected first).
      const node = f.owner!;
      if (f.needBob) {
        f.needBob = false;
        if (kind === 123) return;
        // keepalived only logs this; it is not a configuration error.
        diagnostics.push({ severity: 'warning', code: 'value-block-missing-brace', message: `'{' missing from beginning of block ${node.keyword.text}`, zh: `块 ${node.keyword.text} 的开头缺少 '{'`, ...at(kind ? braceToken(kind === 125, bLine, bCol, bFile) : head!) });
      }
      if (kind === 125) {
        node.endLine = bLine;
        node.endColumn = bCol + 1;
        this.pop();
        return;
      }
      node.values!.push(kind ? [braceToken(false, bLine, bCol, bFile)] : [head!, ...rest!]);
      return;
    }
    if (f.needBob) {
      f.needBob = false;
      if (kind === 123 && f.level > 0) return;
      const owner = f.owner;
      // The fix puts the brace at the end of the owner's line (after its last word).
      const end = owner ? (owner.args.at(-1) ?? owner.keyword) : undefined;
      diagnostics.push({
        severity: 'error', code: 'missing-open-brace',
        message: `Missing '{' at beginning of configuration block${owner ? ` ${owner.keyword.text}` : ''}: put '{' after '${owner?.keyword.text ?? 'the keyword'}'`,
        zh: `配置块${owner ? ` ${owner.keyword.text}` : ''}的开头缺少 '{'：请在 '${owner?.keyword.text ?? '关键字'}' 后面加上 '{'`,
        ...at(kind ? braceToken(kind === 125, bLine, bCol, bFile) : head!),
        ...(end && !end.file ? { fix: { title: `Add '{' after ${owner!.keyword.text}`, titleZh: `在 ${owner!.keyword.text} 后加上 '{'`, range: { line: end.endLine, column: end.endColumn, endLine: end.endLine, endColumn: end.endColumn }, text: ' {' } } : {}),
      });
    } else if (kind === 123) {
      diagnostics.push({ severity: 'error', code: 'unexpected-open-brace', message: "Unexpected '{' - ignoring: the line before it is not a keyword that opens a block", zh: "意外的 '{'，已忽略：它前面的一行不是会打开块的关键字", ...at(braceToken(false, bLine, bCol, bFile)) });
      return;
    }
    if (kind === 125 && f.level > 0) {
      if (f.owner) {
        f.owner.endLine = bLine;
        f.owner.endColumn = bCol + 1;
      }
      this.closeBlock(f);
      return;
    }
    const spec = head && !head.quoted ? f.map!.get(head.text) : undefined;
    if (!spec) {
      unknown(diagnostics, kind ? braceToken(kind === 125, bLine, bCol, bFile) : head!, keywords);
      return;
    }
    const first = head!;
    const args = rest!;
    const lastTok = args.length ? args[args.length - 1]! : first;
    const node = new Node(first, args, lastTok.endLine, lastTok.endColumn);
    this.stack.push(node);
    if (spec.k) {
      // A trailing '{' on the keyword's own line (only after ~SEQ or $ expansion can that happen).
      const last = args.length ? args[args.length - 1] : undefined;
      const bob = last !== undefined && !last.quoted && last.text === '{';
      if (bob) node.args = args.slice(0, -1);
      const reread = f.level === 0 && !bob && !GLOBAL_ROOTS.has(first.text);
      this.top = { keywords: spec.k, map: keywordMap(spec.k), level: f.level + 1, needBob: !bob, owner: node, mark: this.stack.length, reread };
      this.frames.push(this.top);
      if (reread) this.rereadState = 1;
    } else if (spec.v) {
      node.values = [];
      // virtual_server_group NAME { … }: the handler takes the name before reading the block.
      const extra = node.args[NAMED_VALUE_BLOCKS.has(first.text) ? 1 : 0];
      if (extra && !(extra.text === '{' && !extra.quoted)) {
        diagnostics.push({ severity: 'error', code: 'block-extra-parameters', message: `Block ${first.text} has extra parameters ${extra.text} ...: values go inside the braces, one per line`, zh: `块 ${first.text} 带有多余的参数 ${extra.text} …：值应写在花括号内，每行一个`, ...at(extra) });
      }
      this.top = { keywords: undefined, map: undefined, level: f.level + 1, needBob: true, owner: node, mark: 0, reread: false };
      this.frames.push(this.top);
    }
  }
}

function unknown(diagnostics: Diagnostic[], first: Token, keywords: Record<string, KeywordNode>): void {
  const word = first.quoted ? `"${first.text}"` : first.text;
  const renamed = Object.hasOwn(RENAMED, first.text) ? RENAMED[first.text] : undefined;
  const hint = renamed && keywords[renamed.now.split(' ')[0]!] ? renamed.now : suggest(first.text, Object.keys(keywords));
  diagnostics.push({
    severity: 'error', code: 'unknown-keyword',
    message: `Unknown keyword '${word}'${renamed ? `: ${renamed.why.en}` : ''}${hint ? `; did you mean '${hint}'?` : ''}`, zh: `未知关键字 '${word}'${renamed ? `：${renamed.why.zh}` : ''}${hint ? `；你是想写 '${hint}' 吗？` : ''}`,
    ...at(first),
    ...(hint ? { fix: { title: `Replace with '${hint}'`, titleZh: `改为 '${hint}'`, range: at(first), text: hint } } : {}),
  });
}

export function parse(text: string, opts: LexOptions = {}): ParseResult {
  const found: Diagnostic[] = [];
  const reader = new Reader(found);
  const lexed = lexInto(text, opts, reader);
  reader.finish();
  const nodes = reader.stack.slice();
  // The lexer's diagnostics first, then the parser's, as keepalived reports them.
  const diagnostics = lexed.diagnostics.concat(found);
  if (diagnostics.length > 1) {
    const seen = new Set<string>();
    const unique = diagnostics.filter((d) => {
      const key = `${d.file ?? ''}:${d.line}:${d.column}:${d.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    diagnostics.length = 0;
    diagnostics.push(...unique);
  }
  if (lexed.depth > 0) {
    const line = lexed.lastLine;
    // The fix closes the open blocks at the end of the text.
    const lastNl = text.lastIndexOf('\n');
    const endLine = text.length ? text.split('\n').length : 1;
    const endColumn = text.length - lastNl;
    diagnostics.push({
      severity: 'error', code: 'missing-close-brace',
      message: `There are ${lexed.depth} missing '}'s or extra '{'s: a block opened above is never closed`,
      zh: `缺少 ${lexed.depth} 个 '}'（或多了 '{'）：上面打开的块没有关闭`,
      line, column: 1, endLine: line, endColumn: 1, ...(opts.file ? { file: opts.file } : {}),
      fix: { title: `Close ${lexed.depth === 1 ? 'the open block' : `the ${lexed.depth} open blocks`} at the end`, titleZh: `在末尾关闭 ${lexed.depth} 个未关闭的块`, range: { line: endLine, column: endColumn, endLine, endColumn }, text: `${text.endsWith('\n') || !text.length ? '' : '\n'}${'}\n'.repeat(lexed.depth)}` },
    });
  }
  return { nodes, diagnostics };
}
