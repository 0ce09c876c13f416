/**
 * Every keyword of the schema, in its block, with no value, with junk and with several values: the
 * engine must answer with diagnostics, never an exception — alone, and next to a vrrp_instance and a
 * virtual_server so the cross-block rules run too.
 */
import { describe, expect, it } from 'vitest';
import schema from '../../../src/keepalived/schema/keywords.json';
import { lintCluster, parseConfig } from '../../../src/keepalived';

interface Kw { k?: Record<string, Kw>; v?: number }
const ROOT = (schema as { keywords: Record<string, Kw> }).keywords;
const VALUES = ['', 'junk', '-1', '999999999999', '0 0 0 0', '"quoted" {', '}', '1.2.3.4/99 dev'];

/** Configs that put `kw` at the path given, with `value` after it. */
function* configs(tree: Record<string, Kw>, path: string[]): Generator<string> {
  for (const [kw, spec] of Object.entries(tree)) {
    for (const value of VALUES) {
      const line = `${kw} ${value}`.trimEnd();
      let body = spec.k || spec.v ? `${line} {\n${value}\n}` : line;
      for (let i = path.length - 1; i >= 0; i--) body = `${path[i]} {\n${body}\n}`;
      yield body;
    }
    if (spec.k && path.length < 3) yield* configs(spec.k, [...path, kw]);
  }
}

describe('no keyword, value or place makes the engine throw', () => {
  it('alone and beside an instance and a service', () => {
    const company = 'vrrp_instance V {\n virtual_ipaddress {\n 10.0.0.1\n }\n}\nvirtual_server 10.0.0.1 80 {\n real_server 10.0.1.1 80 {\n }\n}\n';
    let n = 0;
    for (const text of configs(ROOT, [])) {
      for (const t of [text, `${company}${text}`, `${text}\n${company}`]) {
        const r = parseConfig(t, { interfaces: ['eth0'] });
        expect(Array.isArray(r.diagnostics)).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(5000);
  });

  it('a virtual_server with no address next to an instance, and several files together', () => {
    expect(() => parseConfig('vrrp_instance V {\n}\nvirtual_server {\n}\n')).not.toThrow();
    const files = ['vrrp_instance V {\n priority\n virtual_router_id\n}\n', 'vrrp_instance {\n}\nvirtual_server {\n}\n', ''].map((text, i) => ({ file: `f${i}.conf`, text }));
    expect(() => lintCluster(files)).not.toThrow();
  });
});

describe('parameters that never end', () => {
  it('a parameter that expands to itself is an error, not a hang or a stack overflow', () => {
    for (const text of ['$A=$A\nglobal_defs {\n router_id $A\n}\n', '$A=$B\n$B=$A\n$A\n', '$A=$A\\\n$A\n$A\n']) {
      const r = parseConfig(text);
      expect(r.diagnostics.filter((d) => d.code === 'param-loop')).toHaveLength(1);
    }
  });

  it('a substitution past keepalived\'s 1024-byte line drops the line with a warning, even when it doubles each round', () => {
    // ${A}x grows one byte a round: keepalived re-scans it until the line is too long, then drops it.
    for (const text of [`$A=${'x'.repeat(600)}\n$A$A\n`, '$A=x $A $A\n$A\n', '$A=${A}x\n${A}\n', `$A=${'y'.repeat(200_000)}\nglobal_defs {\n router_id $A\n}\n`]) {
      const r = parseConfig(text);
      const d = r.diagnostics.find((x) => x.code === 'param-too-long');
      expect(d?.severity).toBe('warning');
      expect(r.diagnostics.some((x) => x.severity === 'error' && x.code.startsWith('param'))).toBe(false);
    }
  });
});
