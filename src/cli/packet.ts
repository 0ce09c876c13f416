/** lvs-lab packet: one TCP connection through an LVS director, hop by hop, in one forwarding mode. */
import { BREAKS, MODES, journeyJson, runJourney, validateBreaks, type BreakName, type Mode } from '../sim/packet';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab packet --mode nat|fullnat|dr|tun [--break NAME]... [--json] [--lang en|zh]
       lvs-lab packet --list-breaks [--json]

Follows one TCP connection (handshake, one request, one response) from the client through the
router and the director to a real server and back, printing every header field at every hop.
--break switches on a misconfiguration (see --list-breaks); the journey then shows its failure.
Exit status: 0 when the response reached the client, 1 when the connection failed, 2 for usage errors.`;

export const run: Command = async (argv, io) => {
  let mode: string | undefined;
  const breaks: string[] = [];
  let json = false;
  let list = false;
  let lang: 'en' | 'zh' = 'en';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (flag: string) => (a.startsWith(`${flag}=`) ? a.slice(flag.length + 1) : argv[++i]);
    if (a === '--json') json = true;
    else if (a === '--list-breaks') list = true;
    else if (a === '--help' || a === '-h') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '--mode' || a.startsWith('--mode=')) mode = value('--mode');
    else if (a === '--break' || a.startsWith('--break=')) {
      const v = value('--break');
      if (v === undefined) return usage(io, '--break needs a NAME (see --list-breaks)');
      breaks.push(...v.split(',').filter(Boolean));
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = value('--lang');
      if (v !== 'en' && v !== 'zh') return usage(io, `--lang takes en or zh, not '${v ?? ''}'`);
      lang = v;
    } else return usage(io, `unexpected argument '${a}'`);
  }
  if (list) {
    if (json) io.out(JSON.stringify({ breaks: BREAKS.map((b) => ({ name: b.name, modes: b.modes, description: b.text[lang] })) }));
    else for (const b of BREAKS) io.out(`${b.name.padEnd(11)} [${b.modes.join(',')}] ${b.text[lang]}`);
    return EXIT.ok;
  }
  if (!mode) return usage(io, '--mode is required');
  if (!MODES.includes(mode as Mode)) return usage(io, `unknown mode '${mode}'; one of: ${MODES.join(', ')}`);
  const problem = validateBreaks(mode as Mode, breaks);
  if (problem) return usage(io, `${problem} (see --list-breaks)`);

  const journey = runJourney({ mode: mode as Mode, breaks: breaks as BreakName[] });
  const out = journeyJson(journey, lang);
  if (json) {
    io.out(JSON.stringify(out, null, 2));
  } else {
    io.out(`VS/${mode.toUpperCase()}${breaks.length ? ` with ${breaks.join(', ')} broken` : ''}\n`);
    for (const h of out.hops) {
      const outer = h.outer ? ` [outer ${h.outer.src} > ${h.outer.dst} ttl ${h.outer.ttl}]` : '';
      const toa = h.toa ? ` [TOA ${h.toa.addr}:${h.toa.port}]` : '';
      io.out(`${h.direction.padEnd(7)} ${`${h.from} > ${h.to}`.padEnd(20)} ${h.eth.src} > ${h.eth.dst}${outer}  `
        + `${h.ip.src}:${h.l4.sport} > ${h.ip.dst}:${h.l4.dport} ${h.l4.flags} ttl ${h.ip.ttl} len ${h.ip.len}${toa}`);
    }
    io.out('');
    for (const c of out.ipvs) io.out(`IPVS ${c.proto} ${c.state} ${c.client} -> ${c.virtual}${c.local ? ` (${c.local})` : ''} -> ${c.real} ${c.forward}`);
    io.out(out.delivered ? 'delivered: the response reached the client' : `dropped: ${out.drop_reason}`);
    if (out.warning) io.out(`warning: ${out.warning}`);
  }
  return out.delivered ? EXIT.ok : EXIT.failure;
};

function usage(io: { err(t: string): void }, message: string): number {
  io.err(`lvs-lab packet: ${message}\n${HELP}`);
  return EXIT.usage;
}
