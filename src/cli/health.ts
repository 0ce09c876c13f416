/** lvs-lab health: run keepalived's health checkers for one virtual_server of a config, with scripted failures. */
import { parseConfig } from '../keepalived';
import { findServer, runHealthChecks, serverLabel, specFromConfig, specFromModel, WORLD_ACTIONS, type WorldEvent } from '../sim/checkers';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab health --config FILE [--events FILE] [--until SECONDS] [--vs INDEX] [--json]

Runs the checkers of virtual_server number INDEX (default 0) as keepalived 2.2.7 does, from its
start at time 0 until SECONDS (default 120). The events file is a JSON array of
{"at": seconds, "server": index or "address[:port]", "action": "fail"|"refuse"|"slow"|"recover"|"http-status"|"misc-exit", "value"?: n}
(fail = nothing answers, refuse = connection refused, slow = answers after "value" seconds,
http-status = answers HTTP "value", misc-exit = the MISC_CHECK script exits with "value").
--json prints {"transitions": [{"at", "server", "checker", "from", "to", "reason"}], "ipvs": [final table]}.`;

export const run: Command = async (argv, io) => {
  let config: string | undefined;
  let eventsFile: string | undefined;
  let until = 120;
  let vsIndex = 0;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '--config') config = argv[++i] ?? '';
    else if (a === '--events') eventsFile = argv[++i];
    else if (a === '--until') until = Number(argv[++i]);
    else if (a === '--vs') vsIndex = Number(argv[++i]);
    else if (a === '--json') json = true;
    else return usage(`unexpected argument '${a}'`);
  }
  if (!config) return usage('give --config FILE');
  if (!(until > 0 && until <= 86_400)) return usage('--until takes seconds, more than 0 and at most 86400');
  if (!(Number.isInteger(vsIndex) && vsIndex >= 0)) return usage('--vs takes the index of a virtual_server, from 0');

  let text: string;
  try {
    text = await io.readFile(config);
  } catch (e) {
    io.err(`lvs-lab health: cannot read '${config}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return EXIT.usage;
  }
  const parsed = parseConfig(text, { file: config });
  const count = parsed.model.virtualServers.length;
  const picked = specFromConfig(parsed, vsIndex);
  if (!picked) {
    io.err(`lvs-lab health: ${config}: ${count ? `there is no virtual_server number ${vsIndex} (it has ${count}, from 0 to ${count - 1})` : 'there is no virtual_server in it'}`);
    return EXIT.usage;
  }
  for (const d of parsed.diagnostics.filter((x) => x.severity === 'error')) {
    io.err(`lvs-lab health: warning: keepalived would reject ${config}:${d.line}: ${d.message}`);
  }
  const spec = specFromModel(picked.vs, picked.options);

  let events: WorldEvent[] = [];
  if (eventsFile) {
    try {
      const raw: unknown = JSON.parse(await io.readFile(eventsFile));
      if (!Array.isArray(raw)) throw new Error('the events file must hold a JSON array');
      events = raw.map((e, i) => {
        const ev = (e ?? {}) as Partial<WorldEvent>;
        if (typeof ev.at !== 'number' || !(ev.at >= 0)) throw new Error(`event ${i}: "at" must be seconds >= 0`);
        if (!(typeof ev.server === 'number' || typeof ev.server === 'string') || findServer(spec, ev.server) < 0) {
          throw new Error(`event ${i}: "server" must be an index from 0 to ${spec.servers.length - 1} or one of ${spec.servers.map((s) => serverLabel(s)).join(', ')}`);
        }
        if (!WORLD_ACTIONS.includes(ev.action as WorldEvent['action'])) throw new Error(`event ${i}: "action" must be one of ${WORLD_ACTIONS.join(', ')}`);
        if (ev.value !== undefined && typeof ev.value !== 'number') throw new Error(`event ${i}: "value" must be a number`);
        if (ev.action === 'http-status' && !(Number.isInteger(ev.value) && ev.value! >= 100 && ev.value! <= 599)) throw new Error(`event ${i}: "http-status" needs "value", a status code from 100 to 599`);
        if (ev.action === 'misc-exit' && !(Number.isInteger(ev.value) && ev.value! >= 0 && ev.value! <= 255)) throw new Error(`event ${i}: "misc-exit" needs "value", an exit code from 0 to 255`);
        if (ev.action === 'slow' && ev.value !== undefined && !(ev.value > 0)) throw new Error(`event ${i}: "slow" takes "value", seconds > 0`);
        return { at: ev.at, server: ev.server!, action: ev.action!, ...(ev.value !== undefined ? { value: ev.value } : {}) };
      });
    } catch (e) {
      io.err(`lvs-lab health: ${eventsFile}: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return EXIT.usage;
    }
  }

  const result = runHealthChecks(picked.vs, events, until, picked.options);
  if (json) io.out(JSON.stringify({ transitions: result.transitions, ipvs: result.ipvs }));
  else {
    io.out(`virtual_server ${spec.label}`);
    for (const t of result.transitions) io.out(`${t.at.toFixed(3).padStart(9)}s  ${t.server} ${t.checker}: ${t.from} → ${t.to}  (${t.reason})`);
    io.out(`IPVS at ${until} s:`);
    if (!result.ipvs.length) io.out('  (no destination: connections to the service fail)');
    for (const d of result.ipvs) io.out(`  -> ${d.server}  weight ${d.weight}${d.sorry ? '  (sorry server)' : ''}`);
  }
  return EXIT.ok;

  function usage(msg: string) {
    io.err(`lvs-lab health: ${msg}\n\n${HELP}`);
    return EXIT.usage;
  }
};
