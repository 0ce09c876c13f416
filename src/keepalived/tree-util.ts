/** Small readers over the parsed tree. */
import type { ConfigNode } from './parser';
import type { Range, Token } from './types';

export const kids = (n: ConfigNode | undefined, name: string): ConfigNode[] =>
  n?.children?.filter((c) => c.keyword.text === name) ?? [];

/** The last child with this keyword (keepalived keeps the last of repeated settings); no array is built. */
export const kid = (n: ConfigNode | undefined, name: string): ConfigNode | undefined => {
  const c = n?.children;
  if (!c) return undefined;
  for (let i = c.length - 1; i >= 0; i--) if (c[i]!.keyword.text === name) return c[i];
  return undefined;
};

export const arg = (n: ConfigNode | undefined, i = 0): string | undefined => n?.args[i]?.text;

export const tokenRange = (t: Token): Range & { file?: string } => ({
  line: t.line, column: t.column, endLine: t.endLine, endColumn: t.endColumn, ...(t.file ? { file: t.file } : {}),
});

/** Where keepalived reports a problem found when a block closes: the closing brace's line. */
export const closeRange = (n: ConfigNode): Range & { file?: string } => ({
  line: n.range.endLine, column: 1, endLine: n.range.endLine, endColumn: n.range.endColumn, ...(n.file ? { file: n.file } : {}),
});

/** Every node with the keywords of the blocks around it, outermost first (siblings share one path array). */
export function walk(nodes: readonly ConfigNode[]): Array<{ node: ConfigNode; path: string[] }> {
  const out: Array<{ node: ConfigNode; path: string[] }> = [];
  const visit = (list: readonly ConfigNode[], path: string[]) => {
    for (const node of list) {
      out.push({ node, path });
      if (node.children) visit(node.children, [...path, node.keyword.text]);
    }
  };
  visit(nodes, []);
  return out;
}

/** Calls fn for every node with the keyword of the block around it ('' at the top), without building a list. */
export function eachNode(nodes: readonly ConfigNode[], fn: (node: ConfigNode, parent: string) => void, parent = ''): void {
  for (const node of nodes) {
    fn(node, parent);
    if (node.children) eachNode(node.children, fn, node.keyword.text);
  }
}

/** The first node (depth first) for which pred holds. */
export function findNode(nodes: readonly ConfigNode[], pred: (node: ConfigNode) => boolean): ConfigNode | undefined {
  for (const node of nodes) {
    if (pred(node)) return node;
    const inner = node.children && findNode(node.children, pred);
    if (inner) return inner;
  }
  return undefined;
}
