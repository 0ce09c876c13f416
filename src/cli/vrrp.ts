/** lvs-lab vrrp: elect masters among routers given by their keepalived.conf files, with scripted failures. */
import { parseConfig } from '../keepalived';
import { runCluster, specsFromModels, type ClusterEvent } from '../sim/vrrp';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab vrrp --config A.conf --config B.conf [...] [--events FILE] [--until SECONDS] [--json]

Every router starts at time 0 with its config. The events file is a JSON array of
{"at": seconds, "router": index, "action": "stop"|"kill"|"start"|"link-down"|"link-up"|"priority", "value"?: n}
(stop = graceful shutdown with a priority-0 advert, kill = crash with no final advert), and for tracking
"script-fail"|"script-ok" with "name": a vrrp_script, "interface-down"|"interface-up" with "name": an interface.
The JSON output also lists the gratuitous ARP bursts of new masters and tracking's priority changes.`;

const ACTIONS = ['stop', 'kill', 'start', 'link-down', 'link-up', 'priority', 'script-fail', 'script-ok', 'interface-down', 'interface-up'];

export const run: Command = async (argv, io) => {
  const configs: string[] = [];
  let eventsFile: string | undefined;
  let until = 20;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      io.out(HELP);
      return EXIT.ok;
    } else if (a === '--config') configs.push(argv[++i] ?? '');
    else if (a === '--events') eventsFile = argv[++i];
    else if (a === '--until') until = Number(argv[++i]);
    else if (a === '--json') json = true;
    else return usage(`unexpected argument '${a}'`);
  }
  if (configs.length < 1 || configs.some((c) => !c)) return usage('give at least one --config FILE');
  if (!(until > 0 && until <= 86_400)) return usage('--until takes seconds, more than 0 and at most 86400');
  const models = [];
  for (const f of configs) {
    try {
      models.push(parseConfig(await io.readFile(f)).model);
    } catch (e) {
      io.err(`lvs-lab vrrp: cannot read '${f}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return EXIT.usage;
    }
  }
  let events: ClusterEvent[] = [];
  if (eventsFile) {
    try {
      const raw: unknown = JSON.parse(await io.readFile(eventsFile));
      if (!Array.isArray(raw)) throw new Error('the events file must hold a JSON array');
      events = raw.map((e, i) => {
        const ev = e as Partial<ClusterEvent>;
        if (typeof ev.at !== 'number' || !(ev.at >= 0)) throw new Error(`event ${i}: "at" must be seconds >= 0`);
        if (typeof ev.router !== 'number' || !Number.isInteger(ev.router) || ev.router < 0 || ev.router >= configs.length) throw new Error(`event ${i}: "router" must be an index from 0 to ${configs.length - 1}`);
        if (!ACTIONS.includes(String(ev.action))) throw new Error(`event ${i}: "action" must be one of ${ACTIONS.join(', ')}`);
        if (ev.action === 'priority' && !(typeof ev.value === 'number' && ev.value >= 1 && ev.value <= 255)) throw new Error(`event ${i}: "priority" needs "value" from 1 to 255`);
        if (/^(script|interface)-/.test(String(ev.action)) && !(typeof ev.name === 'string' && ev.name)) throw new Error(`event ${i}: "${ev.action}" needs "name": the ${String(ev.action).startsWith('script') ? 'vrrp_script' : 'interface'}`);
        return ev as ClusterEvent;
      });
    } catch (e) {
      io.err(`lvs-lab vrrp: ${eventsFile}: ${(e as Error).message}`);
      return EXIT.usage;
    }
  }
  const result = runCluster(specsFromModels(models), events, until);
  if (json) io.out(JSON.stringify({ transitions: result.transitions, vip_owner: result.vipOwner, garps: result.garps, priorities: result.priorities }));
  else {
    for (const t of result.transitions) io.out(`${t.at.toFixed(4).padStart(9)}s  router ${t.router} ${t.instance}: ${t.from} → ${t.to}  (${t.reason})`);
    for (const v of result.vipOwner) io.out(`VRID ${v.vrid} (${v.instance}): MASTER on ${v.routers.length ? v.routers.map((r) => `router ${r}`).join(' and ') : 'no router'}${v.routers.length > 1 ? ' — split brain' : ''}`);
  }
  return EXIT.ok;

  function usage(msg: string) {
    io.err(`lvs-lab vrrp: ${msg}\n\n${HELP}`);
    return EXIT.usage;
  }
};
