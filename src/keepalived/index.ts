/**
 * The keepalived.conf language: read a config as keepalived 2.2.7 does, report what it would
 * reject (errors) and what bites in production (warnings, info), and describe what it means.
 *
 *   const { diagnostics, model } = parseConfig(text, { interfaces: ['eth0'] });
 */
import { parse, type ConfigNode } from './parser';
import { buildModel } from './build-model';
import { checkAllArguments } from './diagnose/arguments';
import { checkVrrp } from './diagnose/vrrp';
import { checkVirtualServers } from './diagnose/virtual-server';
import { checkScriptSecurity, type FoundScript } from './diagnose/script-security';
import type { CheckContext } from './diagnose/context';
import { CLUSTER_RULES, RULES } from './lint';
import type { LexOptions } from './lexer';
import type { KeepalivedModel } from './model';
import type { Diagnostic } from './types';

export interface ParseOptions extends LexOptions {
  /** The host's interface names; when given, interfaces named in the config must exist (as keepalived checks). */
  interfaces?: readonly string[];
}

export interface ConfigResult {
  nodes: ConfigNode[];
  model: KeepalivedModel;
  /** Sorted by position; `error` exactly where keepalived -t would reject the file. */
  diagnostics: Diagnostic[];
}

const order = (a: Diagnostic, b: Diagnostic) =>
  (a.file === b.file ? 0 : (a.file ?? '').localeCompare(b.file ?? '')) || a.line - b.line || a.column - b.column;

function analyse(text: string, opts: ParseOptions): { result: ConfigResult; ctx: CheckContext } {
  const parsed = parse(text, opts);
  const model = buildModel(parsed.nodes);
  const out: Diagnostic[] = [...parsed.diagnostics];
  // The argument checks walk every node; they note the first script on the way (for checkScriptSecurity).
  const found: FoundScript = {};
  checkAllArguments(parsed.nodes, out, found);
  const ctx: CheckContext = { nodes: parsed.nodes, model, out, ...(opts.interfaces ? { interfaces: opts.interfaces } : {}) };
  checkVrrp(ctx);
  checkVirtualServers(ctx);
  checkScriptSecurity(ctx, found);
  for (const rule of RULES) rule.check(ctx);
  return { result: { nodes: parsed.nodes, model, diagnostics: out }, ctx };
}

/** Parse one config: its tree, its model and every diagnostic. Never throws on any input. */
export function parseConfig(text: string, opts: ParseOptions = {}): ConfigResult {
  const { result } = analyse(text, opts);
  result.diagnostics.sort(order);
  return result;
}

/** Several configs, one per router of a cluster: each file's own diagnostics plus the cross-file rules. */
export function lintCluster(files: Array<{ file: string; text: string }>, opts: ParseOptions = {}): Array<{ file: string } & ConfigResult> {
  const analysed = files.map((f) => ({ file: f.file, ...analyse(f.text, { ...opts, file: f.file }) }));
  if (analysed.length > 1) {
    const cluster = { files: analysed.map((a) => ({ file: a.file, ctx: a.ctx })) };
    for (const rule of CLUSTER_RULES) rule.check(cluster);
  }
  return analysed.map((a) => {
    a.result.diagnostics.sort(order);
    return { file: a.file, ...a.result };
  });
}

export type { Diagnostic, Severity, Token, Range, Fix } from './types';
export type { ConfigNode } from './parser';
export type * from './model';
