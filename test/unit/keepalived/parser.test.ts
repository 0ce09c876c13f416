import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/keepalived/parser';

const codes = (text: string) => parse(text).diagnostics.map((d) => `${d.line}:${d.code}`);

describe('the keyword walk, as process_stream does it', () => {
  it('builds blocks and value blocks with their ranges', () => {
    const { nodes, diagnostics } = parse('vrrp_instance V {\n  virtual_ipaddress {\n    10.0.0.1/24 dev eth0\n  }\n  priority 100\n}\n');
    expect(diagnostics).toEqual([]);
    const v = nodes[0]!;
    expect(v.keyword.text).toBe('vrrp_instance');
    expect(v.args.map((a) => a.text)).toEqual(['V']);
    expect(v.range).toMatchObject({ line: 1, endLine: 6 });
    expect(v.children!.map((c) => c.keyword.text)).toEqual(['virtual_ipaddress', 'priority']);
    expect(v.children![0]!.values!.map((l) => l.map((t) => t.text))).toEqual([['10.0.0.1/24', 'dev', 'eth0']]);
  });

  it('reports an unknown keyword with a suggestion and a fix, and keeps going', () => {
    const { diagnostics, nodes } = parse('vrrp_instance V {\n  priorty 100\n  advert_int 1\n}');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'unknown-keyword', line: 2, column: 3, endColumn: 10 });
    expect(diagnostics[0]!.message).toContain("did you mean 'priority'?");
    expect(diagnostics[0]!.fix?.text).toBe('priority');
    expect(nodes[0]!.children!.map((c) => c.keyword.text)).toEqual(['advert_int']);
  });

  it('explains renamed keywords from keepalived 1.x', () => {
    const d = parse('virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n   nb_get_retry 3\n  }\n }\n}').diagnostics;
    expect(d[0]!.message).toMatch(/nb_get_retry.*retry/);
    expect(d[0]!.fix?.text).toBe('retry');
  });

  it('knows which keywords belong to which block', () => {
    expect(codes('global_defs {\n  priority 100\n}')).toEqual(['2:unknown-keyword']);
    expect(codes('vrrp_instance V {\n  router_id X\n}')).toEqual(['2:unknown-keyword']);
  });

  it('reports a missing brace where keepalived does, and every process\'s complaints', () => {
    const d = codes('vrrp_instance V\n  priority 100\n}');
    expect(d).toContain('2:missing-open-brace');
    expect(d).toContain('2:unknown-keyword'); // the other processes read the block's lines at the top level
    expect(codes('vrrp_instance V {\n  priority 100\n')).toEqual(['3:missing-close-brace']);
    expect(codes('vrrp_instance V {\n}\n}')).toEqual(['3:extra-close-brace', '3:unknown-keyword']);
  });

  it('ignores an unexpected brace, which then closes the enclosing block early', () => {
    const res = parse('vrrp_instance V {\n  bogus {\n    priority 1\n  }\n  advert_int 1\n}');
    // Checked against keepalived -t: the '{' still counts as opened, so the last '}' is not "extra".
    expect(res.diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(['2:unknown-keyword', '2:unexpected-open-brace', '5:unknown-keyword', '6:unknown-keyword']);
  });

  it('reads virtual_server_group NAME { … } as a named value block', () => {
    const res = parse('virtual_server_group WEB {\n  10.0.0.1 80\n  10.0.0.2 80\n}');
    expect(res.diagnostics).toEqual([]);
    expect(res.nodes[0]!.values).toHaveLength(2);
  });
});

describe('names that are not keywords', () => {
  it('treats JavaScript object names like any unknown word', () => {
    for (const w of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(codes(`${w} 1`)).toEqual(['1:unknown-keyword']);
      expect(codes(`vrrp_instance V {\n ${w} {\n }\n}`)).toContain('2:unknown-keyword');
    }
  });
});
