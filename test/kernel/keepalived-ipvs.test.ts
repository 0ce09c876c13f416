/**
 * keepalived driving IPVS on a real kernel: every config of the corpus with virtual_server blocks
 * is started under real keepalived 2.2.7 in Linux 6.1 (user-mode Linux), and the IPVS table it
 * builds, as `ipvsadm -Ln`, `ipvsadm -Ln --thresholds` and `ipvsadm -S -n` print it, must be what
 * the project derives from the same config (src/sim/ipvs), byte for byte.
 * Health checkers are taken out of the configs first: their real servers do not exist in the guest,
 * so the checks would fail and change the table while it is read. A config with no checker gives
 * the table keepalived builds before any check has run, which is what the derivation describes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/keepalived';
import { ipvsTableFromModel, listNumeric, saveNumeric } from '../../src/sim/ipvs';
import { bootOnce, kernelDescribe } from './suite';

const CORPUS = join(__dirname, '../corpus/keepalived');
const CHECKERS = /^\s*(TCP_CHECK|HTTP_GET|SSL_GET|MISC_CHECK|SMTP_CHECK|DNS_CHECK|UDP_CHECK|PING_CHECK|FILE_CHECK|BFD_CHECK)\b/;

/** The config without its checker blocks (brace-balanced, comments aside). */
export function withoutCheckers(text: string): string {
  const out: string[] = [];
  let depth = 0;
  for (const line of text.split('\n')) {
    const code = line.replace(/[!#].*$/, '');
    if (depth === 0 && CHECKERS.test(code)) depth = 0.5; // inside a checker, until its braces close
    if (depth > 0) {
      const opens = (code.match(/{/g) ?? []).length;
      const closes = (code.match(/}/g) ?? []).length;
      depth = depth === 0.5 ? opens - closes : depth + opens - closes;
      if (depth <= 0) depth = 0;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

const files = [
  ...readdirSync(join(CORPUS, 'valid')).map((f) => `valid/${f}`),
  'invalid/136-all-weights-zero-default-quorum.conf',
].filter((f) => readFileSync(join(CORPUS, f), 'utf8').includes('virtual_server')).sort();
const configs = files.map((f) => withoutCheckers(readFileSync(join(CORPUS, f), 'utf8')));
kernelDescribe('the IPVS table real keepalived builds, against the derivation', () => {
  const guest = bootOnce(() => ({
    script: 'modprobe ip_vs\n. "$GUEST/keepalived-tables.sh"',
    inputs: Object.fromEntries(configs.map((c, i) => [`ka-${i}.conf`, c])),
    timeoutMs: 420_000,
  }));

  it('covers virtual servers by address and by fwmark, TCP, UDP and SCTP, NAT, DR and TUN, flags, persistence, thresholds and a sorry server', () => {
    const all = configs.join('\n');
    for (const word of ['fwmark', 'protocol UDP', 'protocol SCTP', 'lb_kind DR', 'lb_kind TUN', 'sh-port', 'persistence_granularity', 'uthreshold', 'sorry_server', 'ops']) expect(all).toContain(word);
  });

  files.forEach((file, i) => {
    it(`${file}: ipvsadm -Ln, --thresholds and -S -n as keepalived left them`, () => {
      const run = guest();
      const { model } = parseConfig(configs[i]!);
      // twos is newer than Linux 6.1: keepalived cannot create such a service there.
      const services = ipvsTableFromModel(model).services.filter((s) => s.scheduler !== 'twos');
      const log = run.files[`ka-${i}.log`] ?? '';
      expect(log, 'keepalived did not start').toContain('Startup complete');
      expect(run.files[`ka-${i}.ln`]).toBe(listNumeric(services));
      expect(run.files[`ka-${i}.th`]).toBe(listNumeric(services, 'thresholds'));
      expect(run.files[`ka-${i}.save`]).toBe(saveNumeric(services));
    });
  });
});
