/**
 * FULLNAT's local-address pool. The director rewrites each connection's source to one of its
 * local addresses (LIP) and a port; the pair must be unique per real server address and port,
 * because the reply is matched on (RIP:rport → LIP:lport). So one LIP carries at most one
 * connection per port toward each real server — about 64 k — and a busy service needs many LIPs.
 */
export const PORT_MIN = 1024;
export const PORT_MAX = 65535;
const CAPACITY = PORT_MAX - PORT_MIN + 1;

export class LocalAddressPool {
  /** Used ports per "LIP|RIP:rport", as a bitmap over the whole port space. */
  private used = new Map<string, Uint8Array>();
  private next = 0;
  /** Per "LIP|RIP:rport": no free port below this one. */
  private cursor = new Map<string, number>();

  constructor(readonly addrs: readonly string[]) {
    if (addrs.length === 0) throw new Error('a FULLNAT pool needs at least one local address');
  }

  get capacity(): number {
    return CAPACITY;
  }

  /** Picks the next LIP round-robin and its lowest free port toward `real`; undefined when all are in use. */
  allocate(real: string): { addr: string; port: number } | undefined {
    for (let k = 0; k < this.addrs.length; k++) {
      const addr = this.addrs[(this.next + k) % this.addrs.length]!;
      const map = this.bitmap(addr, real);
      const key = `${addr}|${real}`;
      const from = this.cursor.get(key) ?? PORT_MIN;
      // Lowest free port: start where the last allocation stopped (ports below are taken unless released).
      for (let p = from; p <= PORT_MAX; p++) {
        if (!map[p]) {
          map[p] = 1;
          this.cursor.set(key, p + 1);
          this.next = (this.next + k + 1) % this.addrs.length;
          return { addr, port: p };
        }
      }
    }
    return undefined;
  }

  release(addr: string, port: number, real: string): void {
    const key = `${addr}|${real}`;
    const map = this.used.get(key);
    if (map) map[port] = 0;
    if (port < (this.cursor.get(key) ?? PORT_MIN)) this.cursor.set(key, port);
  }

  /** Marks every port of every LIP toward `real` as taken (other clients' connections). */
  fill(real: string): void {
    for (const addr of this.addrs) {
      this.bitmap(addr, real).fill(1, PORT_MIN);
      this.cursor.set(`${addr}|${real}`, PORT_MAX + 1);
    }
  }

  usage(real: string): Array<{ addr: string; used: number; capacity: number }> {
    return this.addrs.map((addr) => {
      const map = this.used.get(`${addr}|${real}`);
      let used = 0;
      if (map) for (let p = PORT_MIN; p <= PORT_MAX; p++) used += map[p]!;
      return { addr, used, capacity: CAPACITY };
    });
  }

  private bitmap(addr: string, real: string): Uint8Array {
    const key = `${addr}|${real}`;
    let map = this.used.get(key);
    if (!map) this.used.set(key, (map = new Uint8Array(PORT_MAX + 1)));
    return map;
  }
}
