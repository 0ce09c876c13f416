/**
 * The keyword tree keepalived 2.2.7 accepts (./keywords.json, read from its keyword tables and
 * checked against `keepalived -t`): which keywords each block knows, which open a block of
 * keywords, and which take a block of raw values.
 */
import data from './keywords.json';

export interface KeywordNode {
  /** Keywords of the block this keyword opens, when it opens one. */
  k?: Record<string, KeywordNode>;
  /** The keyword takes a `{ … }` block of raw values (addresses, routes, names). */
  v?: 1;
}

export const ROOT: Record<string, KeywordNode> = (data as { keywords: Record<string, KeywordNode> }).keywords;

/** The keywords known inside the block at `path` (the root when empty). */
export function keywordsAt(path: readonly string[]): Record<string, KeywordNode> | undefined {
  let level: Record<string, KeywordNode> | undefined = ROOT;
  for (const p of path) level = level?.[p]?.k;
  return level;
}
