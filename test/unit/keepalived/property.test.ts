import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '../../../src/keepalived';

const dir = resolve(__dirname, '../../corpus/keepalived');
const corpus = ['valid', 'invalid'].flatMap((k) => readdirSync(resolve(dir, k)).map((f) => readFileSync(resolve(dir, k, f), 'utf8')));

/** Edits a fuzzer would make: delete, duplicate or insert a span, swap in braces, quotes and junk. */
const mutation = fc.record({
  file: fc.nat({ max: corpus.length - 1 }),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      len: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.constantFrom('{', '}', '"', '#', '!', '\\', '\n', '$X', '${', '@', '~SEQ(', 'include x', '\u0000', '}}}}', '{{{{'), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 5 })),
    }),
    { maxLength: 8 },
  ),
});

function apply(text: string, edits: Array<{ at: number; len: number; insert: string }>): string {
  for (const e of edits) {
    const at = text.length ? e.at % text.length : 0;
    text = text.slice(0, at) + e.insert + text.slice(at + e.len);
  }
  return text;
}

describe('any mutation of a real config', () => {
  it('gives diagnostics with sane positions, never an exception', () => {
    fc.assert(
      fc.property(mutation, ({ file, edits }) => {
        const text = apply(corpus[file]!, edits);
        const lines = text.split('\n').length;
        const res = parseConfig(text);
        for (const d of res.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines);
          expect(d.endLine).toBeGreaterThanOrEqual(d.line);
          expect(['error', 'warning', 'info']).toContain(d.severity);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it('parsing is deterministic: the same text gives the same diagnostics', () => {
    fc.assert(
      fc.property(mutation, ({ file, edits }) => {
        const text = apply(corpus[file]!, edits);
        expect(parseConfig(text).diagnostics).toEqual(parseConfig(text).diagnostics);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
