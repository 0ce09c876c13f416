/**
 * Hover for keepalived.conf: for a keyword, what it does where it stands and what value it takes;
 * for a value, what the value means for its keyword (a scheduler, a forwarding method, a state) or
 * what the keyword expects. All from the schema, in the page's language.
 */
import { argumentSpec, describeType } from '../schema/arguments';
import { docFor } from '../schema/docs';
import { keywordsAt } from '../schema/tree';
import { contextAt } from './cursor';
import { describeTypeZh } from './describe-zh';
import { valueDoc } from './value-docs';
import { manSection } from './man-sections';

export interface HoverInfo {
  from: number;
  to: number;
  /** The keyword (and value) hovered, as "block › keyword". */
  title: string;
  lines: string[];
}

export function hoverAt(text: string, offset: number, lang: 'en' | 'zh' = 'en'): HoverInfo | undefined {
  const ctx = contextAt(text, offset);
  if (!ctx.word) return undefined;
  const zh = lang === 'zh';
  const parent = ctx.path.at(-1) ?? '';
  const where = ctx.path.length ? `${ctx.path.join(' › ')} › ` : '';
  const pick = (d: { en: string; zh: string } | undefined) => (d ? (zh ? d.zh : d.en) : undefined);
  const { from, to, text: word } = ctx.word;
  if (ctx.index === 0) {
    const known = keywordsAt(ctx.path);
    const doc = pick(docFor(word, ctx.path));
    const spec = argumentSpec(parent, word);
    const lines: string[] = [];
    if (doc) lines.push(doc);
    if (spec) lines.push(`${zh ? '取值' : 'Value'}: ${zh ? describeTypeZh(spec) : describeType(spec)}`);
    if (known?.[word]?.k || known?.[word]?.v) lines.push(zh ? '打开一个 { … } 块。' : 'Opens a { … } block.');
    if (!known && parent) {
      // Inside a block of raw values (virtual_ipaddress, unicast_peer, …): the entry belongs to its block.
      const blockDoc = pick(docFor(parent, ctx.path.slice(0, -1)));
      if (blockDoc) lines.push(zh ? `${parent} 的一项：${blockDoc}` : `An entry of ${parent}: ${blockDoc}`);
    }
    if (known && !Object.hasOwn(known, word)) lines.push(zh ? `keepalived 2.2.7 在这里不认识 ${word}。` : `keepalived 2.2.7 does not know ${word} here.`);
    if (!lines.length) return undefined;
    const man = manSection(ctx.path, word);
    if (man) lines.push(zh ? `详见 keepalived.conf(5) 的 “${man}” 一节。` : `Documented in keepalived.conf(5), section “${man}”.`);
    return { from, to, title: `${where}${word}`, lines };
  }
  const keyword = ctx.keyword;
  if (!keyword) return undefined;
  const lines: string[] = [];
  const meaning = ctx.index === 1 ? pick(valueDoc(keyword, word)) : undefined;
  if (meaning) lines.push(meaning);
  const spec = argumentSpec(parent, keyword);
  const doc = pick(docFor(keyword, ctx.path));
  if (doc) lines.push(`${keyword}: ${doc}`);
  if (spec && ctx.index === 1) lines.push(`${zh ? '取值' : 'Value'}: ${zh ? describeTypeZh(spec) : describeType(spec)}`);
  if (!lines.length) return undefined;
  const man = manSection(ctx.path, keyword);
  if (man) lines.push(zh ? `详见 keepalived.conf(5) 的 “${man}” 一节。` : `Documented in keepalived.conf(5), section “${man}”.`);
  return { from, to, title: `${where}${keyword} ${word}`, lines };
}
