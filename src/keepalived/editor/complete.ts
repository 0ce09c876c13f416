/**
 * Completion for keepalived.conf: the keywords the block at the cursor knows (keywords.json, read
 * from keepalived 2.2.7's keyword tables), and the values a keyword takes when they are a closed
 * set (its argument spec). Each option carries the keyword's one-line explanation in the page's language.
 */
import { keywordsAt } from '../schema/tree';
import { argumentSpec, describeType } from '../schema/arguments';
import { docFor } from '../schema/docs';
import { describeTypeZh } from './describe-zh';
import { contextAt } from './cursor';

export interface CompletionOption {
  label: string;
  kind: 'block' | 'keyword' | 'value';
  detail?: string;
  info?: string;
}

export interface Completions {
  from: number;
  to: number;
  options: CompletionOption[];
}

const BOOL_VALUES = ['on', 'off', 'true', 'false', 'yes', 'no'];

/** What may be written at `offset`; undefined where nothing is known (a comment, a raw-value block). */
export function completionsAt(text: string, offset: number, lang: 'en' | 'zh' = 'en'): Completions | undefined {
  const ctx = contextAt(text, offset);
  if (ctx.index < 0) return undefined;
  const from = ctx.word?.from ?? offset;
  const to = ctx.word?.to ?? offset;
  const parent = ctx.path.at(-1) ?? '';
  if (ctx.index === 0) {
    const known = keywordsAt(ctx.path);
    if (!known) return undefined;
    const options = Object.entries(known).map(([label, node]): CompletionOption => {
      const doc = docFor(label, ctx.path);
      const spec = argumentSpec(parent, label);
      const what = spec ? (lang === 'zh' ? describeTypeZh(spec) : describeType(spec)) : undefined;
      return {
        label,
        kind: node.k || node.v ? 'block' : 'keyword',
        ...(what ? { detail: what } : node.k || node.v ? { detail: '{ … }' } : {}),
        ...(doc ? { info: lang === 'zh' ? doc.zh : doc.en } : {}),
      };
    });
    return { from, to, options };
  }
  if (ctx.index === 1 && ctx.keyword) {
    const spec = argumentSpec(parent, ctx.keyword);
    if (!spec) return undefined;
    const values = spec.type === 'enum' ? spec.values : spec.type === 'bool' ? BOOL_VALUES : undefined;
    if (!values) return undefined;
    return { from, to, options: values.map((label) => ({ label, kind: 'value', detail: ctx.keyword })) };
  }
  return undefined;
}
