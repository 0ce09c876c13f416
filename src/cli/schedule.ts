/** lvs-lab schedule: replay an IPVS scheduler scenario and print which real server each connection got. */
import { parseScenario, replay } from '../sim/schedulers';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab schedule --scenario FILE [--json] [--table] [--seed S]

Replays a scenario (see ipvs-scenarios/SCHEMA.md): new connections against one virtual service,
with weights, overloads and servers changing on the way, through the scheduler as the Linux
kernel implements it. Prints the index of the destination each connection got (null: none).
--table prints the connection table at the end, as ipvsadm -Lnc does.
--seed only matters for twos, the one scheduler the kernel makes random.`;

export const run: Command = async (argv, io) => {
  let file: string | undefined;
  let json = false;
  let seed = '1';
  let table = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '--json') json = true;
    else if (a === '--table') table = true;
    else if (a === '--scenario') file = argv[++i];
    else if (a === '--seed') seed = argv[++i] ?? seed;
    else {
      io.err(`lvs-lab schedule: unexpected argument '${a}'\n${HELP}`);
      return EXIT.usage;
    }
  }
  if (!file) {
    io.err(`lvs-lab schedule: --scenario FILE is required\n${HELP}`);
    return EXIT.usage;
  }
  let value: unknown;
  try {
    value = JSON.parse(await io.readFile(file));
  } catch (e) {
    io.err(`lvs-lab schedule: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return EXIT.usage;
  }
  let result: ReturnType<typeof replay>;
  try {
    result = replay(parseScenario(value), seed);
  } catch (e) {
    io.err(`lvs-lab schedule: ${file}: ${(e as Error).message}`);
    return EXIT.failure;
  }
  const { picks } = result;
  if (json) io.out(JSON.stringify(table ? { picks, table: result.table } : { picks }));
  else {
    io.out(picks.map((p, i) => `connection ${i}: ${p === null ? 'no destination' : `destination ${p}`}`).join('\n'));
    if (table) {
      io.out('IPVS connection entries\npro state       source                 virtual                destination');
      for (const c of result.table) io.out(`TCP ${c.state.padEnd(11)} ${c.client.padEnd(22)} ${c.vip.padEnd(22)} ${c.dest}`);
    }
  }
  return EXIT.ok;
};
