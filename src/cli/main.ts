import { EXIT, processIo, type Command, type Io } from './io';

/**
 * lvs-lab: thin adapters over the same modules the site uses.
 * Each subcommand lives in its own file and is loaded only when called.
 */
const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  // COMMANDS — one line per subcommand, kept in alphabetical order.
  explain: { summary: 'what each keyword of a keepalived.conf does, in English or Chinese', load: () => import('./explain') },
  health: { summary: 'keepalived\'s health checkers on a virtual_server: removals, restores, the sorry server', load: () => import('./health') },
  ipvsadm: { summary: 'ipvsadm and sysctl net.ipv4.vs on a simulated director, as the real tools print (--script FILE)', load: () => import('./ipvsadm') },
  lint: { summary: 'check keepalived.conf files as keepalived 2.2.7 reads them', load: () => import('./lint') },
  packet: { summary: 'one TCP connection through a director in NAT, FULLNAT, DR or TUN mode, every header at every hop', load: () => import('./packet') },
  schedule: { summary: 'replay connections through an IPVS scheduler, as the kernel picks', load: () => import('./schedule') },
  trace: { summary: 'the Netfilter hooks a packet passes, IPVS included', load: () => import('./trace') },
  vrrp: { summary: 'VRRP elections among routers given by their keepalived.conf, with failures', load: () => import('./vrrp') },
};

function usage(): string {
  const names = Object.keys(commands).sort();
  const width = Math.max(8, ...names.map((n) => n.length));
  return [
    'usage: lvs-lab <command> [options]',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${commands[n]!.summary}`),
    '',
    'Run `lvs-lab <command> --help` for a command\'s options.',
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.err(`lvs-lab: unknown command '${name}'\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const { run } = await cmd.load();
    return await run(rest, io);
  } catch (e) {
    io.err(`lvs-lab ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.usage;
  }
}
