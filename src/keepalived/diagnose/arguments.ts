/**
 * Checks every keyword's value against its spec (schema/arguments.ts): a missing value, a value of
 * the wrong type or out of range, a deprecated keyword. `error` when keepalived -t fails on it,
 * `warning` when keepalived takes it without complaint (spec.lenient).
 */
import type { ConfigNode } from '../parser';
import { argumentSpec, argumentSpecsOf, type ArgSpec } from '../schema/arguments';
export { SCHEDULERS } from '../schema/arguments';
import { checkValue } from '../schema/values';
import { isScriptNode, type FoundScript } from './script-security';
import { tokenRange } from '../tree-util';
import type { Diagnostic } from '../types';

export function checkArguments(node: ConfigNode, parent: string, out: Diagnostic[]): void {
  const spec = argumentSpec(parent, node.keyword.text);
  if (spec) checkWith(spec, node, out);
}

/**
 * checkArguments over every node (depth first, as eachNode), each block's specs looked up once.
 * As this walk visits every node anyway, it also notes the first node (depth first) that configures
 * a script, for the script-security check, when `found` is given.
 */
export function checkAllArguments(nodes: readonly ConfigNode[], out: Diagnostic[], found?: FoundScript, parent = ''): void {
  const { own, generic } = argumentSpecsOf(parent);
  for (const node of nodes) {
    const kw = node.keyword.text;
    if (found && found.script === undefined && isScriptNode(node)) found.script = node;
    const spec = own.get(kw) ?? generic.get(kw);
    if (spec) checkWith(spec, node, out);
    if (node.children) checkAllArguments(node.children, out, found, kw);
  }
}

function checkWith(spec: ArgSpec, node: ConfigNode, out: Diagnostic[]): void {
  const kw = node.keyword.text;
  if (spec.deprecated) {
    out.push({ severity: 'error', code: 'deprecated', message: `${kw} is deprecated in keepalived 2.2.7 and keepalived -t reports it: use ${spec.deprecated} instead`, ...tokenRange(node.keyword) });
  }
  if (spec.type === 'flag') return;
  const value = node.args[0];
  if (!value) {
    if (!spec.optional) out.push({ severity: 'error', code: 'missing-value', message: `${kw} needs a value: ${spec.what}`, ...tokenRange(node.keyword) });
    return;
  }
  const problem = checkValue(spec, value.text);
  if (!problem) return;
  const stray = value.text.endsWith('\\')
    ? ". The '\\' comes from the end of this line: keepalived keeps a line's final backslash even when it ends a comment, and glues it to the value"
    : '';
  const severity = spec.lenient ? 'warning' : 'error';
  const ignored = spec.lenient ? '; keepalived accepts it without a word, but it is not what it expects' : '';
  out.push({ severity, code: 'invalid-value', message: `${kw}: ${problem} (${spec.what})${stray}${ignored}`, ...tokenRange(value) });
}
