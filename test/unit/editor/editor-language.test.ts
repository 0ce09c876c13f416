/** The playground's language services, pure: the block at a position, completion, hover, format, the peer. */
import { describe, expect, it } from 'vitest';
import { contextAt } from '../../../src/keepalived/editor/cursor';
import { completionsAt } from '../../../src/keepalived/editor/complete';
import { hoverAt } from '../../../src/keepalived/editor/hover';
import { formatConfig } from '../../../src/keepalived/editor/format';
import { peerConfig } from '../../../src/keepalived/editor/peer';
import { parseConfig } from '../../../src/keepalived';
import { EXAMPLES } from '../../../src/components/playground/examples';

const at = (text: string) => ({ text: text.replace('|', ''), offset: text.indexOf('|') });

describe('contextAt', () => {
  it('knows the blocks around a position, braces on the keyword line or the next', () => {
    const { text, offset } = at('vrrp_instance VI_1 {\n  authentication\n  {\n    auth_type PA|SS\n  }\n}\n');
    const c = contextAt(text, offset);
    expect(c.path).toEqual(['vrrp_instance', 'authentication']);
    expect(c.keyword).toBe('auth_type');
    expect(c.index).toBe(1);
    expect(c.word?.text).toBe('PASS');
  });
  it('leaves a block at its closing brace, and ignores braces in comments', () => {
    const { text, offset } = at('global_defs { # {\n}\nvirtual_server 1.2.3.4 80 {\n  real_server 10.0.0.1 80 { weight 1 }\n  lb_|\n');
    const c = contextAt(text, offset);
    expect(c.path).toEqual(['virtual_server']);
    expect(c.index).toBe(0);
    expect(c.word?.text).toBe('lb_');
  });
  it('says nothing inside a comment', () => {
    const { text, offset } = at('global_defs {\n  ! router|_id\n}');
    expect(contextAt(text, offset).index).toBe(-1);
    expect(completionsAt(text, offset)).toBeUndefined();
  });
});

describe('completionsAt', () => {
  it('offers the keywords of the block at the cursor, not those of others', () => {
    const { text, offset } = at('vrrp_instance VI_1 {\n    virtual_rou|\n}');
    const labels = completionsAt(text, offset)!.options.map((o) => o.label);
    expect(labels).toContain('virtual_router_id');
    expect(labels).toContain('priority');
    expect(labels).not.toContain('lb_algo');
    const top = completionsAt('vr', 2)!.options.map((o) => o.label);
    expect(top).toContain('vrrp_instance');
    expect(top).not.toContain('priority');
  });
  it('offers the values of a closed set, and explains keywords in the page\'s language', () => {
    const { text, offset } = at('virtual_server 1.2.3.4 80 {\n    lb_algo w|\n}');
    const c = completionsAt(text, offset)!;
    expect(c.options.map((o) => o.label)).toEqual(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos']);
    expect(text.slice(c.from, c.to)).toBe('w');
    const zh = completionsAt('vrrp_instance VI_1 {\n  prio\n}', 26, 'zh')!.options.find((o) => o.label === 'priority')!;
    expect(zh.detail).toBe('1–255 的整数');
    expect(zh.info).toMatch(/[\u4e00-\u9fff]/);
  });
  it('offers nothing inside a block of raw values', () => {
    const { text, offset } = at('vrrp_instance VI_1 {\n  virtual_ipaddress {\n    192|\n  }\n}');
    expect(completionsAt(text, offset)).toBeUndefined();
  });
});

describe('hoverAt', () => {
  it('explains a keyword where it stands, and a value by what it means for its keyword', () => {
    const text = 'virtual_server 1.2.3.4 80 {\n    lb_algo wlc\n    real_server 10.0.0.1 80 {\n        weight 0\n    }\n}';
    const kw = hoverAt(text, text.indexOf('weight') + 2)!;
    expect(kw.title).toBe('virtual_server › real_server › weight');
    expect(kw.lines.join(' ')).toMatch(/quiescent/);
    const v = hoverAt(text, text.indexOf('wlc') + 1)!;
    expect(v.lines[0]).toMatch(/Weighted least connections/);
    expect(hoverAt(text, text.indexOf('wlc') + 1, 'zh')!.lines[0]).toMatch(/加权最少连接/);
  });
  it('says when keepalived does not know a word in that block', () => {
    const text = 'vrrp_instance VI_1 {\n    lb_algo rr\n}';
    expect(hoverAt(text, text.indexOf('lb_algo'))!.lines.join(' ')).toMatch(/does not know lb_algo here/);
  });
  it('explains an entry of a block of raw values by its block', () => {
    const text = 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}';
    expect(hoverAt(text, text.indexOf('10.0'))!.lines[0]).toMatch(/^An entry of virtual_ipaddress/);
  });
});

describe('formatConfig', () => {
  it('indents one level per block, closing braces out, and changes nothing keepalived reads', () => {
    const messy = 'global_defs {\nrouter_id X   \n   }\nvrrp_instance V {\n        authentication { auth_type PASS }\n  virtual_ipaddress {\n10.0.0.1\n}\n}\n';
    const out = formatConfig(messy);
    expect(out).toBe('global_defs {\n    router_id X\n}\nvrrp_instance V {\n    authentication { auth_type PASS }\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n');
    expect(formatConfig(out)).toBe(out);
    for (const e of EXAMPLES) {
      const a = parseConfig(e.text);
      const b = parseConfig(formatConfig(e.text));
      expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
      expect(b.diagnostics.map((d) => d.code)).toEqual(a.diagnostics.map((d) => d.code));
    }
  });
});

describe('peerConfig', () => {
  it('makes every instance BACKUP 10 lower, swaps unicast source and peer, and keeps the services', () => {
    const unicast = EXAMPLES.find((e) => e.id === 'unicast')!.text;
    const peer = parseConfig(peerConfig(unicast));
    const mine = parseConfig(unicast);
    expect(peer.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [i] = peer.model.instances;
    expect(i!.state).toBe('BACKUP');
    expect(i!.priority).toBe(mine.model.instances[0]!.priority - 10);
    expect(i!.unicastSrcIp).toBe(mine.model.instances[0]!.unicastPeers[0]);
    expect(i!.unicastPeers).toEqual([mine.model.instances[0]!.unicastSrcIp]);
    expect(JSON.stringify(peer.model.virtualServers)).toBe(JSON.stringify(mine.model.virtualServers));
  });
  it('never gives the peer priority 255 (the owner) nor below 1', () => {
    const p = parseConfig(peerConfig('vrrp_instance A {\n state MASTER\n interface eth0\n virtual_router_id 1\n priority 255\n}\nvrrp_instance B {\n interface eth0\n virtual_router_id 2\n priority 5\n}'));
    expect(p.model.instances.map((i) => i.priority)).toEqual([245, 1]);
    expect(p.model.instances.map((i) => i.state)).toEqual(['BACKUP', 'BACKUP']);
  });
});
