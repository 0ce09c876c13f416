/**
 * Checks every keyword's value against its spec (schema/arguments.ts): a missing value, a value of
 * the wrong type or out of range, a deprecated keyword. `error` when keepalived -t fails on it,
 * `warning` when keepalived takes it without complaint (spec.lenient).
 */
import type { ConfigNode } from '../parser';
import { argumentSpec, argumentSpecsOf, type ArgSpec } from '../schema/arguments';
export { SCHEDULERS } from '../schema/arguments';
import { checkValue } from '../schema/values';
import { describeTypeZh } from '../editor/describe-zh';
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

/** The numeric types: a value out of their range has a nearest value keepalived takes. */
const NUMERIC = new Set(['uint', 'int', 'decimal', 'port']);

function checkWith(spec: ArgSpec, node: ConfigNode, out: Diagnostic[]): void {
  const kw = node.keyword.text;
  if (spec.deprecated) {
    out.push({
      severity: 'error', code: 'deprecated',
      message: `${kw} is deprecated in keepalived 2.2.7 and keepalived -t reports it: use ${spec.deprecated} instead`,
      zh: `${kw} 在 keepalived 2.2.7 中已弃用，keepalived -t 会报告它：请改用 ${spec.deprecated}`,
      ...tokenRange(node.keyword),
      fix: { title: `Replace with '${spec.deprecated}'`, titleZh: `改为 '${spec.deprecated}'`, range: tokenRange(node.keyword), text: spec.deprecated },
    });
  }
  if (spec.type === 'flag') return;
  const value = node.args[0];
  if (!value) {
    if (!spec.optional) out.push({ severity: 'error', code: 'missing-value', message: `${kw} needs a value: ${spec.what}`, zh: `${kw} 需要一个值：${describeTypeZh(spec)}`, ...tokenRange(node.keyword) });
    return;
  }
  const problem = checkValue(spec, value.text);
  if (!problem) return;
  const trailing = value.text.endsWith('\\');
  const stray = trailing
    ? ". The '\\' comes from the end of this line: keepalived keeps a line's final backslash even when it ends a comment, and glues it to the value"
    : '';
  const strayZh = trailing ? '。这个 \'\\\' 来自行尾：即使它在注释末尾，keepalived 也会保留行尾的反斜杠并把它粘到值上' : '';
  const severity = spec.lenient ? 'warning' : 'error';
  const ignored = spec.lenient ? '; keepalived accepts it without a word, but it is not what it expects' : '';
  const ignoredZh = spec.lenient ? '；keepalived 会默默接受，但这不是它期望的值' : '';
  // A number out of range: the nearest value keepalived takes is the fix.
  let fix: Diagnostic['fix'];
  const n = Number(value.text);
  if (NUMERIC.has(spec.type) && /^-?\d+(\.\d+)?$/.test(value.text) && spec.min !== undefined && spec.max !== undefined && (n < spec.min || n > spec.max)) {
    const bound = String(n < spec.min ? spec.min : spec.max);
    fix = { title: `Use ${bound}, the nearest value keepalived takes`, titleZh: `改为 ${bound}（keepalived 接受的最近的值）`, range: tokenRange(value), text: bound };
  }
  out.push({
    severity, code: 'invalid-value',
    message: `${kw}: ${problem.en} (${spec.what})${stray}${ignored}`,
    zh: `${kw}：${problem.zh}（${describeTypeZh(spec)}）${strayZh}${ignoredZh}`,
    ...tokenRange(value),
    ...(fix ? { fix } : {}),
  });
}
