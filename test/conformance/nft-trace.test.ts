/**
 * The hook order of the Netfilter model against the real kernel: real packets in network namespaces,
 * an nftables table with a chain on every hook that turns tracing on, and `nft monitor trace`.
 * (This kernel has no IPVS, so the LVS scenarios are checked against the kernel source in unit tests.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOOKS, NFT_NAME, hookFromNft, hooksOf, scenarioNamed, type HookName } from '../../src/sim/netfilter';
import { Namespaces, requireTools, sleep, waitFor } from './lib/netns';

const PORT = 7001;
const MARK_PORT = 7000;

const ruleset = `table ip lvslab {
${HOOKS.map((h) => `  chain ${NFT_NAME[h]} { type filter hook ${NFT_NAME[h]} priority 0; tcp dport { ${MARK_PORT}, ${PORT} } meta nftrace set 1; tcp sport ${PORT} meta nftrace set 1; }`).join('\n')}
}`;

interface Seen { hook: HookName; flags: string; dport: number }

/** The `packet:` lines of a trace: one per hook a traced packet entered. */
export function parseTrace(text: string): Seen[] {
  const out: Seen[] = [];
  for (const line of text.split('\n')) {
    const m = /^trace id \S+ ip lvslab (\w+) packet: .*?tcp dport (\d+) tcp flags == (\S+)/.exec(line);
    if (!m) continue;
    const hook = hookFromNft(m[1]!);
    if (hook) out.push({ hook, dport: Number(m[2]), flags: m[3]! });
  }
  return out;
}

const tcpConnect = (host: string, port: number, listen = false) => `
const net = require('net');
const go = () => { const c = net.connect(${port}, '${host}'); c.on('connect', () => c.end()); c.on('error', () => {}); c.on('close', () => setTimeout(() => process.exit(0), 50)); };
${listen ? `const srv = net.createServer((s) => s.end()).listen(${port}, '${host}', go);` : 'go();'}
setTimeout(() => process.exit(0), 3000);`;

describe('Netfilter hook order against real nft traces', () => {
  const ns = new Namespaces('nf');
  let a = '', r = '', c = '';

  beforeAll(() => {
    requireTools('ip', 'nft');
    a = ns.add('a');
    r = ns.add('r');
    c = ns.add('c');
    ns.link(a, 'eth0', '10.88.1.1/24', r, 'eth0', '10.88.1.2/24');
    ns.link(r, 'eth1', '10.88.2.1/24', c, 'eth0', '10.88.2.2/24');
    ns.exec(a, 'ip', ['route', 'add', 'default', 'via', '10.88.1.2']);
    ns.exec(c, 'ip', ['route', 'add', 'default', 'via', '10.88.2.1']);
    ns.exec(r, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    ns.exec(r, 'nft', ['-f', '-'], ruleset);
  });
  afterAll(() => ns.cleanup());

  /** Runs `act` with `nft monitor trace` listening in the router namespace; returns what it printed. */
  async function traceOf(act: () => void, expectLines: number): Promise<Seen[]> {
    const mon = ns.spawn(r, 'nft', ['monitor', 'trace']);
    let text = '';
    mon.stdout!.on('data', (d: Buffer) => (text += d.toString()));
    try {
      // The monitor is ready once it reports a marker packet sent after it started.
      await waitFor(() => {
        if (text.includes(`dport ${MARK_PORT}`)) return true;
        ns.exec(r, 'node', ['-e', tcpConnect('127.0.0.1', MARK_PORT)]);
        return text.includes(`dport ${MARK_PORT}`);
      }, 15_000, 'nft monitor trace to start');
      await sleep(200);
      const start = text.length;
      act();
      await waitFor(() => parseTrace(text.slice(start)).length >= expectLines, 10_000, `${expectLines} traced packets`);
      await sleep(300);
      return parseTrace(text.slice(start)).filter((s) => s.dport !== MARK_PORT);
    } finally {
      mon.kill('SIGTERM');
    }
  }

  const syn = (s: Seen[]) => s.filter((x) => x.flags === 'syn').map((x) => x.hook);

  it('local-delivery: a SYN from the network to this host', async () => {
    const seen = await traceOf(() => ns.exec(a, 'node', ['-e', tcpConnect('10.88.1.2', PORT)]), 2);
    expect(syn(seen)).toEqual(hooksOf(scenarioNamed('local-delivery')!));
  });

  it('forward: a SYN routed through this host', async () => {
    const seen = await traceOf(() => ns.exec(a, 'node', ['-e', tcpConnect('10.88.2.2', PORT)]), 3);
    expect(syn(seen)).toEqual(hooksOf(scenarioNamed('forward')!));
  });

  it('local-out: a SYN this host sends', async () => {
    const seen = await traceOf(() => ns.exec(r, 'node', ['-e', tcpConnect('10.88.1.1', PORT)]), 2);
    expect(syn(seen)).toEqual(hooksOf(scenarioNamed('local-out')!));
  });

  it('loopback: a SYN and its SYN-ACK over lo, both directions', async () => {
    const seen = await traceOf(() => ns.exec(r, 'node', ['-e', tcpConnect('127.0.0.1', PORT, true)]), 8);
    const handshake = seen.filter((x) => x.flags === 'syn' || x.flags === '0x12' || x.flags === 'syn|ack' || x.flags === 'syn | ack');
    expect(handshake.map((x) => x.hook)).toEqual(hooksOf(scenarioNamed('loopback')!));
  });
});
