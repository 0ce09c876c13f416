/**
 * Parameter checks keepalived's keyword handlers make, for the keywords people write most.
 * Each is an error, as keepalived -t rejects the file for any of them.
 * Keyed by "block/keyword"; `*` stands for any checker block.
 */
import type { ConfigNode } from '../parser';
import { argumentSpec } from '../schema/arguments';
export { SCHEDULERS } from '../schema/arguments';
import { tokenRange } from '../tree-util';
import type { Diagnostic } from '../types';

export function checkArguments(node: ConfigNode, parent: string, out: Diagnostic[]): void {
  const spec = argumentSpec(parent, node.keyword.text);
  if (!spec) return;
  const value = node.args[0];
  if (!value) {
    out.push({ severity: 'error', code: 'missing-value', message: `${node.keyword.text} needs a value: ${spec.what}`, ...tokenRange(node.keyword) });
    return;
  }
  const problem = spec.check(value.text);
  if (!problem) return;
  const stray = value.text.endsWith('\\')
    ? ". The '\\' comes from the end of this line: keepalived keeps a line's final backslash even when it ends a comment, and glues it to the value"
    : '';
  out.push({ severity: 'error', code: 'invalid-value', message: `${node.keyword.text}: ${problem} (${spec.what})${stray}`, ...tokenRange(value) });
}
