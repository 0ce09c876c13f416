/**
 * Builds the config tree the way keepalived 2.2.7's process_stream() walks it: each logical line's
 * first word is looked up among the keywords of the current block; a keyword with sub-keywords
 * opens a block (its '{' may be on the next line); a value-block keyword reads raw lines up to '}'.
 * Structural mistakes are reported exactly where keepalived reports them, and parsing goes on:
 * an unknown keyword is skipped, an unexpected '{' ignored, a missing '}' reported at the end.
 */
import { braceEnd, braceLine, kindAt, lexTable, tokenAt, tokensAt, type LexOptions } from './lexer';
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

export function parse(text: string, opts: LexOptions = {}): ParseResult {
  const lexed = lexTable(text, opts);
  const diagnostics = [...lexed.diagnostics];
  const { heads, rests } = lexed;
  const total = lexed.count;
  let pos = 0;
  let limit = total;

  /** alloc_value_block: lines up to a '}' (the '{' is expected first). */
  const valueBlock = (node: ConfigNode) => {
    const values: Token[][] = (node.values = []);
    // virtual_server_group NAME { … }: the handler takes the name before reading the block.
    const extra = node.args[NAMED_VALUE_BLOCKS.has(node.keyword.text) ? 1 : 0];
    if (extra && !(extra.text === '{' && !extra.quoted)) {
      diagnostics.push({ severity: 'error', code: 'block-extra-parameters', message: `Block ${node.keyword.text} has extra parameters ${extra.text} ...: values go inside the braces, one per line`, ...at(extra) });
    }
    let needBob = true;
    while (pos < limit) {
      const i = pos++;
      const kind = kindAt(lexed, i);
      if (needBob) {
        needBob = false;
        if (kind === 123) continue;
        // keepalived only logs this; it is not a configuration error.
        diagnostics.push({ severity: 'warning', code: 'value-block-missing-brace', message: `'{' missing from beginning of block ${node.keyword.text}`, ...at(tokenAt(lexed, i)) });
      }
      if (kind === 125) {
        node.range.endLine = braceLine(lexed, i);
        node.range.endColumn = braceEnd(lexed, i);
        return;
      }
      values.push(tokensAt(lexed, i));
    }
  };

  /** process_stream for one block level; returns at its '}' (or the end of the file). */
  // Every level's nodes gather on one stack and are copied out at their final size when the level ends.
  const stack: ConfigNode[] = [];
  const block = (keywords: Record<string, KeywordNode>, level: number, needBobIn: boolean, owner?: ConfigNode) => {
    let needBob = needBobIn;
    while (pos < limit) {
      const i = pos++;
      const kind = kindAt(lexed, i);
      if (needBob) {
        needBob = false;
        if (kind === 123 && level > 0) continue;
        diagnostics.push({ severity: 'error', code: 'missing-open-brace', message: `Missing '{' at beginning of configuration block${owner ? ` ${owner.keyword.text}` : ''}: put '{' after '${owner?.keyword.text ?? 'the keyword'}'`, ...at(tokenAt(lexed, i)) });
      } else if (kind === 123) {
        diagnostics.push({ severity: 'error', code: 'unexpected-open-brace', message: "Unexpected '{' - ignoring: the line before it is not a keyword that opens a block", ...at(tokenAt(lexed, i)) });
        continue;
      }
      if (kind === 125 && level > 0) {
        if (owner) {
          owner.range.endLine = braceLine(lexed, i);
          owner.range.endColumn = braceEnd(lexed, i);
        }
        return;
      }
      const head = kind ? undefined : (heads[i] as Token);
      const spec = head && !head.quoted && Object.hasOwn(keywords, head.text) ? keywords[head.text] : undefined;
      if (!spec) {
        unknown(tokenAt(lexed, i), keywords);
        continue;
      }
      const first = head!;
      const args = rests[i] as Token[];
      const lastTok = args.length ? args[args.length - 1]! : first;
      const node: ConfigNode = { keyword: first, args, range: { line: first.line, column: first.column, endLine: lastTok.endLine, endColumn: lastTok.endColumn } };
      if (first.file) node.file = first.file;
      stack.push(node);
      if (spec.k) {
        // A trailing '{' on the keyword's own line (only after ~SEQ or $ expansion can that happen).
        const last = args.length ? args[args.length - 1] : undefined;
        const bob = last !== undefined && !last.quoted && last.text === '{';
        if (bob) node.args = args.slice(0, -1);
        const start = pos;
        const mark = stack.length;
        block(spec.k, level + 1, !bob, node);
        node.children = stack.slice(mark);
        stack.length = mark;
        if (level === 0 && !bob && !GLOBAL_ROOTS.has(first.text) && start < total && kindAt(lexed, start) !== 123) {
          // keepalived parses the file once per process. The processes for which this block is
          // not theirs skip it by counting braces, and with no '{' they stop skipping at once:
          // they read the block's lines as top-level keywords. Their complaints count too.
          const end = pos;
          const saved = limit;
          pos = start;
          limit = end;
          const discard = stack.length;
          block(ROOT, 0, false);
          stack.length = discard;
          pos = end;
          limit = saved;
        }
      } else if (spec.v) {
        valueBlock(node);
      }
    }
  };

  const unknown = (first: Token, keywords: Record<string, KeywordNode>) => {
    const word = first.quoted ? `"${first.text}"` : first.text;
    const renamed = Object.hasOwn(RENAMED, first.text) ? RENAMED[first.text] : undefined;
    const hint = renamed && keywords[renamed.now.split(' ')[0]!] ? renamed.now : suggest(first.text, Object.keys(keywords));
    diagnostics.push({
      severity: 'error', code: 'unknown-keyword',
      message: `Unknown keyword '${word}'${renamed ? `: ${renamed.why.en}` : ''}${hint ? `; did you mean '${hint}'?` : ''}`,
      ...at(first),
      ...(hint ? { fix: { title: `Replace with '${hint}'`, range: at(first), text: hint } } : {}),
    });
  };

  block(ROOT, 0, false);
  const nodes = stack.slice();
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
    diagnostics.push({ severity: 'error', code: 'missing-close-brace', message: `There are ${lexed.depth} missing '}'s or extra '{'s: a block opened above is never closed`, line, column: 1, endLine: line, endColumn: 1, ...(opts.file ? { file: opts.file } : {}) });
  }
  return { nodes, diagnostics };
}
