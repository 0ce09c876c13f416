/** Every lint rule, in one list the linter runs. */
import type { ClusterRule, LintRule } from './rule';
import { persistenceWithSh } from './persistence-with-sh';
import { vrrpStrict } from './vrrp-strict';
import { vipWithoutService } from './vip-without-service';
import { masterBelowBackup, peersDisagree } from './cluster';

export const RULES: LintRule[] = [persistenceWithSh, vrrpStrict, vipWithoutService];
export const CLUSTER_RULES: ClusterRule[] = [masterBelowBackup, peersDisagree];
export type { LintRule, ClusterRule } from './rule';
