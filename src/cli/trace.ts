/** lvs-lab trace: the Netfilter hooks and kernel functions a packet passes, per scenario. */
import { SCENARIOS, scenarioNamed, traceJson, hooksOf } from '../sim/netfilter';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab trace --scenario NAME [--json]
       lvs-lab trace --list

Follows a packet through one host's IPv4 stack: the Netfilter hooks in order, the callbacks
on each (in priority order, IPVS's among them) and the kernel functions between them.`;

export const run: Command = async (argv, io) => {
  let name: string | undefined;
  let json = false;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--list') list = true;
    else if (a === '--help' || a === '-h') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '--scenario') name = argv[++i];
    else if (a.startsWith('--scenario=')) name = a.slice('--scenario='.length);
    else {
      io.err(`lvs-lab trace: unexpected argument '${a}'\n${HELP}`);
      return EXIT.usage;
    }
  }
  if (list) {
    if (json) io.out(JSON.stringify({ scenarios: SCENARIOS.map((s) => ({ name: s.name, title: s.title.en })) }));
    else for (const s of SCENARIOS) io.out(`${s.name.padEnd(18)} ${s.title.en}`);
    return EXIT.ok;
  }
  if (!name) {
    io.err(`lvs-lab trace: --scenario NAME is required (see --list)\n${HELP}`);
    return EXIT.usage;
  }
  const s = scenarioNamed(name);
  if (!s) {
    io.err(`lvs-lab trace: no scenario '${name}'; one of: ${SCENARIOS.map((x) => x.name).join(', ')}`);
    return EXIT.usage;
  }
  if (json) {
    io.out(JSON.stringify(traceJson(s)));
    return EXIT.ok;
  }
  io.out(`${s.title.en} — ${s.host.en}\nhooks: ${hooksOf(s).join(' → ')}\n`);
  s.packets.forEach((p, i) => {
    io.out(`packet ${i + 1}: ${p.label.en}`);
    for (const st of p.steps) {
      if (st.kind === 'hook') {
        io.out(`  [${st.hook}] verdict ${st.verdict}`);
        for (const c of st.callbacks) io.out(`      ${String(c.cb.priority).padStart(11)}  ${c.cb.fn.padEnd(24)} ${c.verdict}`);
      } else io.out(`  ${st.fn}${st.kind === 'route' ? ` → ${st.result}` : ''}`);
    }
  });
  return EXIT.ok;
};
