/**
 * Builds the config tree the way keepalived 2.2.7's process_stream() walks it: each logical line's
 * first word is looked up among the keywords of the current block; a keyword with sub-keywords
 * opens a block (its '{' may be on the next line); a value-block keyword reads raw lines up to '}'.
 * Structural mistakes are reported exactly where keepalived reports them, and parsing goes on:
 * an unknown keyword is skipped, an unexpected '{' ignored, a missing '}' reported at the end.
 */
import { lex, type LexOptions, type LogicalLine } from './lexer';
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
  const lexed = lex(text, opts);
  const diagnostics = [...lexed.diagnostics];
  const lines = lexed.lines;
  let pos = 0;
  let limit = lines.length;
  const next = (): LogicalLine | undefined => (pos < limit ? lines[pos++] : undefined);
  const only = (l: LogicalLine, s: string) => l.tokens.length === 1 && !l.tokens[0]!.quoted && l.tokens[0]!.text === s;

  /** alloc_value_block: lines up to a '}' (the '{' is expected first). */
  const valueBlock = (node: ConfigNode) => {
    node.values = [];
    // virtual_server_group NAME { … }: the handler takes the name before reading the block.
    const extra = node.args[NAMED_VALUE_BLOCKS.has(node.keyword.text) ? 1 : 0];
    if (extra && !(extra.text === '{' && !extra.quoted)) {
      diagnostics.push({ severity: 'error', code: 'block-extra-parameters', message: `Block ${node.keyword.text} has extra parameters ${extra.text} ...: values go inside the braces, one per line`, ...at(extra) });
    }
    let needBob = true;
    for (let l = next(); l; l = next()) {
      if (needBob) {
        needBob = false;
        if (only(l, '{')) continue;
        // keepalived only logs this; it is not a configuration error.
        diagnostics.push({ severity: 'warning', code: 'value-block-missing-brace', message: `'{' missing from beginning of block ${node.keyword.text}`, ...at(l.tokens[0]!) });
      }
      if (only(l, '}')) {
        node.range.endLine = l.tokens[0]!.endLine;
        node.range.endColumn = l.tokens[0]!.endColumn;
        return;
      }
      node.values.push(l.tokens);
    }
  };

  /** process_stream for one block level; returns at its '}' (or the end of the file). */
  const block = (keywords: Record<string, KeywordNode>, level: number, needBobIn: boolean, out: ConfigNode[], owner?: ConfigNode) => {
    let needBob = needBobIn;
    for (let l = next(); l; l = next()) {
      const first = l.tokens[0]!;
      const word = first.quoted ? `"${first.text}"` : first.text;
      if (needBob) {
        needBob = false;
        if (only(l, '{') && level > 0) continue;
        diagnostics.push({ severity: 'error', code: 'missing-open-brace', message: `Missing '{' at beginning of configuration block${owner ? ` ${owner.keyword.text}` : ''}: put '{' after '${owner?.keyword.text ?? 'the keyword'}'`, ...at(first) });
      } else if (only(l, '{')) {
        diagnostics.push({ severity: 'error', code: 'unexpected-open-brace', message: "Unexpected '{' - ignoring: the line before it is not a keyword that opens a block", ...at(first) });
        continue;
      }
      if (only(l, '}') && level > 0) {
        if (owner) {
          owner.range.endLine = first.endLine;
          owner.range.endColumn = first.endColumn;
        }
        return;
      }
      const spec = first.quoted || !Object.hasOwn(keywords, first.text) ? undefined : keywords[first.text];
      if (!spec) {
        const renamed = Object.hasOwn(RENAMED, first.text) ? RENAMED[first.text] : undefined;
        const hint = renamed && keywords[renamed.now.split(' ')[0]!] ? renamed.now : suggest(first.text, Object.keys(keywords));
        diagnostics.push({
          severity: 'error', code: 'unknown-keyword',
          message: `Unknown keyword '${word}'${renamed ? `: ${renamed.why.en}` : ''}${hint ? `; did you mean '${hint}'?` : ''}`,
          ...at(first),
          ...(hint ? { fix: { title: `Replace with '${hint}'`, range: at(first), text: hint } } : {}),
        });
        continue;
      }
      const lastTok = l.tokens[l.tokens.length - 1]!;
      const node: ConfigNode = { keyword: first, args: l.tokens.slice(1), range: { line: first.line, column: first.column, endLine: lastTok.endLine, endColumn: lastTok.endColumn } };
      if (l.file) node.file = l.file;
      out.push(node);
      if (spec.k) {
        // A trailing '{' on the keyword's own line (only after ~SEQ or $ expansion can that happen).
        const last = node.args.at(-1);
        const bob = last && !last.quoted && last.text === '{';
        if (bob) node.args = node.args.slice(0, -1);
        node.children = [];
        const start = pos;
        block(spec.k, level + 1, !bob, node.children, node);
        if (level === 0 && !bob && !GLOBAL_ROOTS.has(first.text) && lines[start] && !only(lines[start]!, '{')) {
          // keepalived parses the file once per process. The processes for which this block is
          // not theirs skip it by counting braces, and with no '{' they stop skipping at once:
          // they read the block's lines as top-level keywords. Their complaints count too.
          const end = pos;
          const saved = limit;
          pos = start;
          limit = end;
          block(ROOT, 0, false, []);
          pos = end;
          limit = saved;
        }
      } else if (spec.v) {
        valueBlock(node);
      }
    }
  };

  const nodes: ConfigNode[] = [];
  block(ROOT, 0, false, nodes);
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.file ?? ''}:${d.line}:${d.column}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  diagnostics.length = 0;
  diagnostics.push(...unique);
  if (lexed.depth > 0) {
    const line = lexed.lastLine;
    diagnostics.push({ severity: 'error', code: 'missing-close-brace', message: `There are ${lexed.depth} missing '}'s or extra '{'s: a block opened above is never closed`, line, column: 1, endLine: line, endColumn: 1, ...(opts.file ? { file: opts.file } : {}) });
  }
  return { nodes, diagnostics };
}
