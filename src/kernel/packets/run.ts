/**
 * The forwarding methods and the Netfilter hooks on the browser's real kernel: the test suite's own
 * guest script (./forwarding-script.ts: the packet engine's network, real IPVS, tcpdump on every
 * segment, iptables TRACE where asked) wrapped to run through the serial agent, and the files it
 * writes read back from its output. Pure.
 */
import { topology } from '../../sim/packet/topology';
import type { BreakName, Mode } from '../../sim/packet/types';
import { forwardingScript } from './forwarding-script';

export const FILE_MARK = '@@FILE ';

/** A run's tag: its namespaces' and files' prefix. */
export const runTag = (mode: Mode, brk?: BreakName, trace?: string) => `web-${mode}${brk ? `-${brk}` : ''}${trace ? `-t${trace}` : ''}`;

export function packetRunScript(mode: Mode, brk: BreakName | undefined, opts: { trace?: string } = {}): string {
  const tag = runTag(mode, brk, opts.trace);
  return [
    'export GUEST=/guest WORK=/tmp/packets TMPDIR=/tmp/packets-tmp',
    // tcpdump writes its captures as the user tcpdump.
    'rm -rf "$WORK" "$TMPDIR"; mkdir -p "$WORK/out" "$TMPDIR"; chmod 1777 "$TMPDIR"',
    'DUMPS=; SERVERS=',
    forwardingScript(topology(mode, brk ? [brk] : []), tag, opts.trace ? { trace: [opts.trace] } : {}),
    `for f in "$WORK"/out/*; do echo "${FILE_MARK}$(basename "$f")"; cat "$f"; done`,
    '',
  ].join('\n');
}

/** The files the run wrote, by name (the run's tag stripped: "lan.txt", "client.txt", "trace.txt"). */
export function readRunFiles(output: string, tag: string): Record<string, string> {
  const files: Record<string, string> = {};
  let name: string | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith(FILE_MARK)) {
      name = line.slice(FILE_MARK.length).replace(`${tag}-`, '');
      files[name] = '';
    } else if (name !== undefined) files[name] += `${line}\n`;
  }
  return files;
}
