/**
 * The words the L4-vs-L7 comparison is told in: where the data is, what the middle box has paid so far,
 * and one step of either side.
 *
 * How the counters are counted (the middle box only — the director or the nginx host; the client and the
 * backend do the same work on both sides, so they are left out of the comparison):
 *
 * - `syscalls`: every system call the middle box's processes make for this request, in the order `strace -p`
 *   shows them for nginx 1.22.1 (see ./nginx.ts). The `epoll_wait` that returns because of this request
 *   counts; the last one, in which the worker goes back to sleep, belongs to whatever wakes it next. The
 *   director runs no process for a packet at all: IPVS runs in softirq context inside the receive path.
 * - `crossings`: user↔kernel mode switches = 2 per syscall (the entry into the kernel and the return to user
 *   space). A mode switch is not a context switch: the same process keeps running, in kernel mode.
 * - `wakeups`: times the worker blocked in `epoll_wait` and the kernel made it runnable again.
 * - `contextSwitches`: the worker's context switches = `wakeups`: each time it blocks, the scheduler switches to
 *   another task and must later switch back to it. Counted as Linux counts them for a process
 *   (`voluntary_ctxt_switches` in /proc/PID/status: one per block, see proc(5)); this is the model's count,
 *   worked out from the strace below, not a measurement.
 * - `copies`: copies of payload between a kernel socket buffer and user memory (`recvfrom`/`readv` up,
 *   `writev` down); `bytesCopied` adds up their sizes. Rewriting headers inside the kernel's packet buffer, as
 *   IPVS does, copies nothing.
 * - `connections`: TCP connections this one request travels over, counted when their SYN is sent (or, for a
 *   pooled upstream connection, when nginx takes it from the pool). `handshakes`: three-way handshakes made for it.
 */
import type { Text } from '../core';

export type Side = 'lvs' | 'nginx';
export type NodeId = 'client' | 'middle' | 'backend';
export type Layer = 'kernel' | 'user';

export interface Place {
  node: NodeId;
  layer: Layer;
}

export interface Counters {
  syscalls: number;
  crossings: number;
  wakeups: number;
  contextSwitches: number;
  copies: number;
  bytesCopied: number;
  connections: number;
  handshakes: number;
}

export const ZERO: Counters = {
  syscalls: 0, crossings: 0, wakeups: 0, contextSwitches: 0, copies: 0, bytesCopied: 0, connections: 0, handshakes: 0,
};

/** One system call of the middle box; `copy` when it moves payload across the user/kernel boundary. */
export interface Syscall {
  name: string;
  /** The call as strace would print it, shortened (`recvfrom(6, "GET / HTTP/1.1…", 1024)`). */
  call: string;
  copy?: { bytes: number; dir: 'up' | 'down' };
}

export type ConnState = 'opening' | 'established' | 'closed' | 'pooled';

/** A TCP connection, by its two ends. LVS's one connection runs client↔backend *through* the director. */
export interface Conn {
  id: string;
  ends: [NodeId, NodeId];
  state: ConnState;
}

/** What a packet on the wire carries, for the sides that show addresses. */
export interface Packet {
  src: string;
  dst: string;
  /** Fields rewritten at the hop this packet just passed. */
  changed: Array<'src' | 'dst'>;
}

/** The state of one side after a step. */
export interface SideState {
  side: Side;
  /** 0 before anything, then 1 connect, 2 request to the backend, 3 response to the client. */
  phase: 0 | 1 | 2 | 3;
  /** Where the data (a TCP segment or the request/response bytes) is now. */
  place?: Place;
  /** What it is: `SYN`, `SYN-ACK`, `ACK`, `GET /`, `200 OK`. */
  what?: string;
  packet?: Packet;
  /** Data parked somewhere while something else moves (nginx holds the request while it connects upstream). */
  held?: { place: Place; what: string };
  /** The middle box's user-space process: none on the director, nginx's worker on the nginx host. */
  worker: 'none' | 'asleep' | 'running';
  conns: Conn[];
  counters: Counters;
  /** The syscalls of the step that made this state. */
  calls: Syscall[];
  /** Every syscall so far, by name. */
  syscallLog: string[];
  /** This step copied payload across the boundary. */
  copied?: 'up' | 'down';
  /** This side had nothing to do in this step (the other side was still busy in the same phase). */
  idle: boolean;
  /** The director's IPVS connection entry. */
  ipvsEntry?: string;
}

/** One thing that happens on a side. Fields left out keep their value from the state before. */
export interface Step {
  actor: string;
  kind: string;
  text: Text;
  place?: Place;
  what?: string;
  packet?: Packet | null;
  held?: { place: Place; what: string } | null;
  worker?: SideState['worker'];
  calls?: Syscall[];
  wakeup?: boolean;
  /** Connection changes: a new connection (counted) or a new state for an existing one. */
  conn?: { id: string; ends?: [NodeId, NodeId]; state: ConnState; handshake?: boolean; counted?: boolean };
  ipvsEntry?: string;
}

/** A side's whole story, one list of steps per phase, plus what it says while it waits for the other side. */
export interface SideScript {
  side: Side;
  phases: [Step[], Step[], Step[]];
  idle: [Text, Text, Text];
}
