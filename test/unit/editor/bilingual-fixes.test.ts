/**
 * Every diagnostic has a Chinese message (for the Chinese pages) that names the same things as the
 * English one, and every quick fix, applied, removes the problem it is offered for.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Diagnostic, type Fix } from '../../../src/keepalived';
import { lintCluster } from '../../../src/keepalived';
import { EXAMPLES } from '../../../src/components/playground/examples';

const CORPUS = join(__dirname, '../../corpus/keepalived');
const corpus = ['valid', 'invalid'].flatMap((k) => readdirSync(join(CORPUS, k)).filter((f) => f.endsWith('.conf')).map((f) => readFileSync(join(CORPUS, k, f), 'utf8')));
const CJK = /[\u4e00-\u9fff]/;
const PLACEHOLDER = /\b(USER|IFACE|ADDRESS|PORT|INTERFACE|VRRP_INSTANCE)\b/;

/** The text with a fix applied (lines and columns 1-based, end exclusive). */
export function applyFix(text: string, fix: Fix): string {
  const lines = text.split('\n');
  const offset = (l: number, c: number) => lines.slice(0, l - 1).reduce((n, x) => n + x.length + 1, 0) + c - 1;
  return text.slice(0, offset(fix.range.line, fix.range.column)) + fix.text + text.slice(offset(fix.range.endLine, fix.range.endColumn));
}

describe('Chinese diagnostics', () => {
  const all: Diagnostic[] = [...corpus, ...EXAMPLES.map((e) => e.text)].flatMap((t) => parseConfig(t, { interfaces: ['lo', 'eth0'] }).diagnostics);
  all.push(...lintCluster([{ file: 'a.conf', text: EXAMPLES[1]!.text }, { file: 'b.conf', text: EXAMPLES[1]!.text.replace('priority 150', 'priority 200').replace('state MASTER', 'state BACKUP').replace('auth_pass s3cret', 'auth_pass other') }]).flatMap((f) => f.diagnostics));

  it(`covers many kinds of diagnostic (${new Set(all.map((d) => d.code)).size} codes)`, () => {
    expect(new Set(all.map((d) => d.code)).size).toBeGreaterThanOrEqual(35);
  });
  it('every message has a Chinese text naming the same values', () => {
    const bad: string[] = [];
    for (const d of all) {
      if (!CJK.test(d.zh)) bad.push(`${d.code}: no Chinese: ${d.zh}`);
      // Quoted words and numbers of the English message appear in the Chinese one too.
      // (Placeholders such as USER or IFACE are translated; literal words are not.)
      for (const m of d.message.matchAll(/'([^']{1,40})'/g)) if (!PLACEHOLDER.test(m[1]!) && !d.zh.includes(m[1]!)) bad.push(`${d.code}: '${m[1]}' missing from ${d.zh}`);
      for (const n of d.message.match(/\b\d+(?:\.\d+)?\b/g) ?? []) if (!d.zh.includes(n)) bad.push(`${d.code}: ${n} missing from ${d.zh}`);
    }
    expect([...new Set(bad)]).toEqual([]);
  });
});

describe('quick fixes', () => {
  const cases: Array<[string, string, string]> = [
    ['a misspelt keyword', 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priorty 100\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n', 'unknown-keyword'],
    ['a deprecated name', 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.0.2 80 {\n        HTTP_GET {\n            url {\n                path /\n            }\n            nb_get_retry 3\n        }\n    }\n}\n', 'deprecated'],
    ['a value out of range', 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 300\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n', 'invalid-value'],
    ['a missing closing brace', 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 5\n    virtual_ipaddress {\n        10.0.0.1\n    }\n', 'missing-close-brace'],
    ['a missing opening brace', 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 5\n    authentication\n        auth_type PASS\n    }\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n', 'missing-open-brace'],
    ['a VRRPv2 fractional advert_int', 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 5\n    advert_int 0.5\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n', 'v2-advert-int'],
  ];
  for (const [what, text, code] of cases) {
    it(`${what}: the fix removes the ${code} problem, and says so in both languages`, () => {
      const before = parseConfig(text).diagnostics.filter((d) => d.code === code);
      expect(before.length, JSON.stringify(parseConfig(text).diagnostics.map((d) => d.code))).toBeGreaterThan(0);
      const fix = before[0]!.fix!;
      expect(fix, `no fix for ${code}`).toBeDefined();
      expect(CJK.test(fix.titleZh)).toBe(true);
      const after = parseConfig(applyFix(text, fix));
      expect(after.diagnostics.filter((d) => d.code === code)).toEqual([]);
      expect(after.diagnostics.filter((d) => d.severity === 'error').length).toBeLessThan(parseConfig(text).diagnostics.filter((d) => d.severity === 'error').length);
    });
  }
});
