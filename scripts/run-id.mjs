/**
 * Run ids: every namespace, folder and guest a test run makes carries its run's id in its name,
 * so that a later run can prove what is left over from a run that was killed, and touch nothing
 * else. An id is the run's pid and that process's start time (/proc/PID/stat, field 22): a run is
 * alive exactly when a process with that pid exists *and* started at that time, so a pid reused by
 * some other program never makes a dead run look alive, and a live run is never taken for dead.
 */
import { readFileSync } from 'node:fs';

/** The start time of a process in clock ticks since boot, or null when there is no such process. */
export function startTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** This process's run id, e.g. "41235s9876543". */
export const RUN_ID = `${process.pid}s${startTicks(process.pid) ?? '0'}`;

const ID = /^(\d+)s(\d+)$/;

/** Whether the run with this id is still running (an id of another form is never judged dead). */
export function runIsAlive(id) {
  const m = ID.exec(id);
  if (!m) return true;
  return startTicks(Number(m[1])) === m[2];
}

/**
 * The run id inside a name made as `${prefix}${RUN_ID}-…`, or null when the name is not one of
 * ours: only names that start with the prefix and carry a well-formed id are ever considered.
 */
export function runIdIn(name, prefix) {
  if (!name.startsWith(prefix)) return null;
  const id = name.slice(prefix.length).split('-')[0];
  return ID.test(id) ? id : null;
}

/** True for a name of a run (by prefix) that is provably over. */
export function isLeftOver(name, prefix) {
  const id = runIdIn(name, prefix);
  return id !== null && id !== RUN_ID && !runIsAlive(id);
}
