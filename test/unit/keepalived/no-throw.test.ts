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
