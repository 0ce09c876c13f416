/** "Explain": every keyword line of a config matched to the sentence that says what it does. */
import { parseConfig } from './index';
import { docFor } from './schema/docs';
import { walk } from './tree-util';

export interface Explanation {
  line: number;
  column: number;
  keyword: string;
  /** The enclosing blocks, outermost first. */
  path: string[];
  text: { en: string; zh: string } | undefined;
}

export function explain(text: string): Explanation[] {
  const { nodes } = parseConfig(text);
  return [...walk(nodes)].map(({ node, path }) => ({
    line: node.keyword.line,
    column: node.keyword.column,
    keyword: node.keyword.text,
    path,
    text: docFor(node.keyword.text, path),
  }));
}
