/**
 * One command line on a simulated director, answered as the real tools answer it: `ipvsadm …`,
 * `ipvsadm-save`, `ipvsadm-restore` (its rules on stdin), `sysctl` for net.ipv4.vs, and the client
 * traffic and clock of traffic.ts (`curl`, `connect`, `disconnect`, `sleep`). Returns what
 * the command printed on stdout and stderr and its exit status, never throws.
 */
import { Director, type Errno, type Service } from './director';
import { Fail, parseArgs, type Parsed } from './parse';
import { connectionLines, listAll, listConnHeader, listService, listTimeout } from './list';
import { connect, curl, disconnect, sleep } from './traffic';

export interface Result {
  stdout: string;
  stderr: string;
  exit: number;
}

export const VERSION = 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)';

/** ipvsadm's words for each errno of each operation (libipvs ipvs_strerror). */
const ERRORS: Record<string, Partial<Record<Errno | 'ENODEV', string>>> = {
  'add-service': { EEXIST: 'Service already exists', ENOENT: 'Scheduler or persistence engine not found' },
  'edit-service': { ESRCH: 'No such service', ENOENT: 'Scheduler or persistence engine not found' },
  'delete-service': { ESRCH: 'No such service' },
  zero: { ESRCH: 'No such service' },
  'add-server': { ESRCH: 'Service not defined', EEXIST: 'Destination already exists' },
  'edit-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination' },
  'delete-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination' },
  'start-daemon': { EEXIST: 'Daemon has already run' },
  'stop-daemon': { ESRCH: 'No daemon is running' },
};
const STRERROR: Record<string, string> = { ERANGE: 'Numerical result out of range', EINVAL: 'Invalid argument', ENODEV: 'No such device', ENOENT: 'No such file or directory', ESRCH: 'No such process', EEXIST: 'File exists' };

/** Splits a command line into words as sh does for simple commands (quotes and backslashes). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  let q: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === q) q = undefined;
      else if (c === '\\' && q === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) words.push(cur);
  return words;
}

const ok = (stdout = ''): Result => ({ stdout, stderr: '', exit: 0 });

/** ipvsadm with its argv (without the program name). */
export function ipvsadm(dir: Director, argv: readonly string[], stdin = '', fromRestore = false): Result {
  if (argv.length === 0) return ok(listAll(dir, { numeric: false, stats: false, rate: false, thresholds: false, persistentConn: false, nosort: false, exact: false, tunInfo: false }));
  let p: Parsed;
  try {
    p = parseArgs(argv);
  } catch (e) {
    if (e instanceof Fail) return { stdout: '', stderr: e.stderr, exit: e.exit };
    return { stdout: '', stderr: `${String(e)}\n`, exit: 255 };
  }
  const kernel = (err: Errno | 'ENODEV' | undefined): Result => {
    if (!err) return ok();
    return { stdout: '', stderr: `${ERRORS[p.cmd]?.[err] ?? STRERROR[err] ?? err}\n`, exit: 255 };
  };
  switch (p.cmd) {
    case 'help':
      return ok(`${VERSION}\nUsage: see \`man ipvsadm' (the simulated director takes the same options; type help for the console's commands)\n`);
    case 'version':
      return ok(`${VERSION}\n`);
    case 'list': {
      const f = { ...p.format };
      if (p.options.has('connection')) return ok(listConnHeader(f.persistentConn) + connectionLines(dir, f));
      if (p.options.has('service-address')) {
        const s = dir.find(p.svc);
        if (!s) return { stdout: '', stderr: 'No such service\n', exit: 1 };
        return ok(listService(s, f));
      }
      if (p.options.has('timeout')) return ok(listTimeout(dir));
      if (p.options.has('daemon')) return ok(dir.daemonLines());
      return ok(listAll(dir, f));
    }
    case 'save':
      return ok(listAll(dir, { ...p.format, rule: true }));
    case 'restore': {
      if (fromRestore) return { stdout: '', stderr: "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n", exit: 255 };
      return restore(dir, stdin);
    }
    case 'flush':
      dir.flush();
      return ok();
    case 'add-service':
      return kernel(dir.addService(p.svc));
    case 'edit-service':
      return kernel(dir.editService(p.svc));
    case 'delete-service':
      return kernel(dir.deleteService(p.svc));
    case 'zero':
      return kernel(dir.zero(p.options.has('service-address') ? p.svc : undefined));
    case 'add-server':
      return kernel(dir.addDest(p.svc, p.dest));
    case 'edit-server':
      return kernel(dir.editDest(p.svc, p.dest));
    case 'delete-server':
      return kernel(dir.deleteDest(p.svc, p.dest));
    case 'set':
      dir.setTimeouts(p.timeouts!);
      return ok();
    case 'start-daemon':
      return kernel(dir.startDaemon(p.daemonState as 'master' | 'backup', p.daemon));
    case 'stop-daemon':
      return kernel(dir.stopDaemon(p.daemonState as 'master' | 'backup'));
  }
}

/** ipvsadm -R: each line of stdin as ipvsadm options; a parse error stops it, a refused rule is said and the next runs. */
function restore(dir: Director, stdin: string): Result {
  let stderr = '';
  let exit = 0;
  for (const line of stdin.split('\n')) {
    const argv = shellWords(line);
    if (argv.length === 0) continue;
    const r = ipvsadm(dir, argv, '', true);
    stderr += r.stderr;
    if (r.exit !== 0 && r.exit !== 255) return { stdout: '', stderr, exit: r.exit };
    if (r.exit === 255 && r.stderr.startsWith('Try `')) return { stdout: '', stderr, exit: 255 };
    exit = r.exit;
  }
  return { stdout: '', stderr, exit };
}

const SYSCTL_PREFIX = 'net.ipv4.vs';

function sysctl(dir: Director, argv: readonly string[]): Result {
  let write = false;
  const names: string[] = [];
  for (const a of argv) {
    if (a === '-w') write = true;
    else if (a === '-q') continue;
    else names.push(a);
  }
  let stdout = '';
  let stderr = '';
  let exit = 0;
  for (const n of names) {
    const eq = n.indexOf('=');
    const key = (eq >= 0 ? n.slice(0, eq) : n).replace(/\//g, '.');
    if (eq < 0 && write) {
      stderr += `sysctl: "${n}" must be of the form name=value\n`;
      exit = 1;
      continue;
    }
    if (eq < 0 && key === SYSCTL_PREFIX) {
      for (const [k, v] of dir.sysctl) stdout += `${SYSCTL_PREFIX}.${k} = ${v}\n`;
      continue;
    }
    // A setting this director has: /proc/sys/net/ipv4/vs/NAME.
    const short = key.startsWith(`${SYSCTL_PREFIX}.`) ? key.slice(SYSCTL_PREFIX.length + 1) : undefined;
    if (short === undefined || !dir.sysctl.has(short)) {
      stderr += `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`;
      exit = 1;
      continue;
    }
    if (eq >= 0 && !dir.setSysctl(short, n.slice(eq + 1).trim())) {
      stderr += `sysctl: setting key "${key}": Invalid argument\n`;
      exit = 1;
      continue;
    }
    stdout += `${key} = ${dir.sysctl.get(short)}\n`;
  }
  return { stdout, stderr, exit };
}

/** One line of a console or a script. `stdin` feeds ipvsadm -R / ipvsadm-restore. */
export function runLine(dir: Director, line: string, stdin = ''): Result {
  const words = shellWords(line.replace(/\s*<<\s*'?(\w+)'?\s*$/, ''));
  const [prog, ...args] = words;
  if (!prog) return ok();
  switch (prog) {
    case 'ipvsadm':
      return ipvsadm(dir, args, stdin);
    case 'ipvsadm-save':
      return ipvsadm(dir, ['-S', ...args], stdin);
    case 'ipvsadm-restore': {
      // Debian's ipvsadm-restore (a script; it takes no options): drops comment lines, clears the table, then ipvsadm -R.
      dir.flush();
      return ipvsadm(dir, ['-R'], stdin.split('\n').filter((l) => !l.startsWith('#')).join('\n'));
    }
    case 'sysctl':
      return sysctl(dir, args);
    case 'curl':
      return curl(dir, args);
    case 'connect':
      return connect(dir, args);
    case 'disconnect':
      return disconnect(dir);
    case 'sleep':
      return sleep(dir, args);
    default:
      return { stdout: '', stderr: `${prog}: command not found\n`, exit: 127 };
  }
}

export { Director };
export type { Service };
