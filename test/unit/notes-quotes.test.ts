/**
 * When a Chinese chapter quotes the study notes (test/corpus/notes/lvs-notes.zh.md, a copy of the notes the site
 * grew from), it quotes them exactly as they were written — typos, half-width commas and all — and says
 * beside the quote what is right. Checked: italic quotations *“…”*, quoted list lines (> - …) and the first
 * column of every "笔记原文" table.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const notes = readFileSync('test/corpus/notes/lvs-notes.zh.md', 'utf8');
const dir = 'src/content/docs/zh-cn';

function quotations(text: string): string[] {
  const out = [...text.matchAll(/\*“([^”]+)”\*/g)].map((m) => m[1]!);
  out.push(...[...text.matchAll(/^> - (.+)$/gm)].map((m) => m[1]!));
  for (const table of text.split('| 笔记原文 |').slice(1)) {
    for (const row of table.split('\n').slice(2)) {
      if (!row.startsWith('|')) break;
      out.push(row.split('|')[1]!.trim());
    }
  }
  return out;
}

describe('the Chinese chapters quote the study notes exactly', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
  it('finds the quotations it checks', () => {
    expect(files.flatMap((f) => quotations(readFileSync(`${dir}/${f}`, 'utf8'))).length).toBeGreaterThanOrEqual(12);
  });
  for (const f of files) {
    it(f, () => {
      const wrong = quotations(readFileSync(`${dir}/${f}`, 'utf8')).filter((q) => !notes.includes(q));
      expect(wrong).toEqual([]);
    });
  }
});
