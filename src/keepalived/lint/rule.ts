/** A lint rule: our advice beyond what keepalived checks, one rule per file, each tested. */
import type { CheckContext } from '../diagnose/context';

export interface LintRule {
  id: string;
  /** One line on what the rule catches, for docs and `--help`. */
  summary: string;
  check(ctx: CheckContext): void;
}

/** Several configs checked together: one per router of the same cluster. */
export interface ClusterContext {
  files: Array<{ file: string; ctx: CheckContext }>;
}

export interface ClusterRule {
  id: string;
  summary: string;
  check(cluster: ClusterContext): void;
}
