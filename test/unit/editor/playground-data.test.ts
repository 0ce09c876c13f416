/** The playground's data: share links (both versions), the plain-language reading, the lab script's shape. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeConfig, encodeConfig, encodePlain, MAX_LINK_CHARS } from '../../../src/components/playground/share';
import { readBack } from '../../../src/keepalived/editor/read-back';
import { labScript } from '../../../src/keepalived/editor/lab-script';
import { parseConfig } from '../../../src/keepalived';
import { EXAMPLES } from '../../../src/components/playground/examples';

describe('share links', () => {
  it('round-trip every example, compressed, in a versioned fragment', async () => {
    for (const e of EXAMPLES) {
      const got = await encodeConfig(e.text);
      expect('fragment' in got).toBe(true);
      const frag = (got as { fragment: string }).fragment;
      expect(frag).toMatch(/^config=2\.[A-Za-z0-9_-]+$/);
      expect(frag.length).toBeLessThan(e.text.length);
      expect(await decodeConfig(`#${frag}`)).toEqual({ text: e.text });
    }
  });
  it('still open links made before compression (version 1, #cfg=)', async () => {
    const text = 'vrrp_instance 天 {\n  priority 100\n}\n';
    expect(await decodeConfig(`#cfg=${encodePlain(text)}`)).toEqual({ text });
  });
  it('say plainly when a link is too new, damaged, or the text too large for one', async () => {
    expect(await decodeConfig('#config=3.abc')).toEqual({ error: 'newer' });
    expect(await decodeConfig('#config=2.@@@')).toEqual({ error: 'damaged' });
    expect(await decodeConfig('#config=2.AAAA')).toEqual({ error: 'damaged' });
    expect(await decodeConfig('#config=nothing')).toEqual({ error: 'damaged' });
    expect(await decodeConfig('#vrrp.t=3')).toBeUndefined();
    // Random bytes do not compress: 40 kB of them cannot fit in a link.
    let junk = '';
    for (let i = 0; junk.length < 60_000; i++) junk += createHash('sha256').update(String(i)).digest('base64');
    const big = await encodeConfig(junk);
    expect('tooLong' in big && big.tooLong > MAX_LINK_CHARS).toBe(true);
  });
});

describe('readBack', () => {
  it('reads an instance with the defaults the reader did not write', () => {
    const [b] = readBack(parseConfig('vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.200.100\n    }\n}\n').model);
    expect(b!.title).toBe('vrrp_instance VI_1');
    // keepalived's defaults: BACKUP, priority 100, advert_int 1, VRRPv2, preemption on.
    expect(b!.en[0]).toBe('This router starts as BACKUP on eth0 with priority 100 for VRID 51, and takes 192.168.200.100 when it becomes master.');
    expect(b!.en[1]).toMatch(/VRRPv2 adverts every 1 s to the multicast group 224\.0\.0\.18/);
    expect(b!.en[2]).toMatch(/takes over as soon as/);
    expect(b!.zh[0]).toBe('这台路由器以 BACKUP 启动，接口 eth0，优先级 100，VRID 51；成为 master 时接管 192.168.200.100。');
  });
  it('reads every block of every example, in order, in both languages', () => {
    for (const e of EXAMPLES) {
      const m = parseConfig(e.text).model;
      const blocks = readBack(m);
      expect(blocks.length).toBeGreaterThanOrEqual(m.instances.length + m.virtualServers.length);
      expect(blocks.map((b) => b.line)).toEqual([...blocks.map((b) => b.line)].sort((a, b) => a - b));
      for (const b of blocks) {
        expect(b.zh.length).toBe(b.en.length);
        for (const z of b.zh) expect(z).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const http = readBack(parseConfig(EXAMPLES.find((e) => e.id === 'http')!.text).model).find((b) => b.title.startsWith('virtual_server'))!;
    expect(http.en.join(' ')).toMatch(/sorry server 192\.168\.200\.250:80/);
    expect(http.en.join(' ')).toMatch(/HTTP_GET every 5 s/);
    expect(http.en.join(' ')).toMatch(/weight 2/);
  });
});

describe('labScript', () => {
  const CORPUS = join(__dirname, '../../corpus/keepalived/valid');
  const texts = [...EXAMPLES.map((e) => e.text), ...readdirSync(CORPUS).map((f) => readFileSync(join(CORPUS, f), 'utf8'))];
  it(`is valid sh for every example and every valid corpus file (${texts.length} configs)`, () => {
    for (const text of texts) {
      const r = parseConfig(text);
      const script = labScript({ text, model: r.model, errors: r.diagnostics.filter((d) => d.severity === 'error') });
      execFileSync('sh', ['-n'], { input: script });
      // The config is carried verbatim, inside a quoted here-document (no $ expansion).
      expect(script).toContain(`\n${text}\n`);
    }
  });
  it('puts DR servers\' VIP on lo with arp_ignore/arp_announce, NAT servers behind the director, and says what it creates', () => {
    const dr = EXAMPLES.find((e) => e.id === 'dr')!.text;
    const s = labScript({ text: dr, model: parseConfig(dr).model, errors: [] });
    expect(s).toMatch(/arp_ignore=1 net\.ipv4\.conf\.all\.arp_announce=2/);
    expect(s).toMatch(/addr add 192\.168\.200\.100\/32 dev lo/);
    const nat = EXAMPLES.find((e) => e.id === 'nat')!.text;
    const n = labScript({ text: nat, model: parseConfig(nat).model, errors: [] });
    // The inside VIP 10.0.0.1 (it moves with the master) is the real servers' gateway.
    expect(n).toMatch(/ip -n "\$ID-rs1" route add default via 10\.0\.0\.1/);
    expect(n).toMatch(/What it creates/);
    expect(n).toMatch(/sh lab\.sh down/);
  });
  it('never lets the config end its here-document early', () => {
    const text = 'global_defs {\n  router_id X\n}\nLVSLAB_EOF\n';
    const s = labScript({ text, model: parseConfig(text).model, errors: [] });
    execFileSync('sh', ['-n'], { input: s });
    expect(s).toContain("<<'LVSLAB_EOF_'");
  });
});
