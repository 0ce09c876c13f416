/**
 * "Download as a lab": a POSIX shell script that builds a config for real on a Linux machine —
 * network namespaces for a client, two directors (this config and its peer, ./peer.ts) and every real
 * server, one bridged segment, keepalived in each director, a tiny HTTP server on each real server's
 * port, and the real server side of the forwarding method (DR: the VIP on lo with arp_ignore/arp_announce;
 * TUN: the VIP on tunl0; NAT: the director as gateway). Everything it creates starts with its id, and
 * `down` removes exactly that. test/kernel/lab-script.test.ts runs every example's script on Linux 6.1.
 */
import type { KeepalivedModel } from '../model';
import { peerConfig } from './peer';

export interface LabScriptInput {
  text: string;
  model: KeepalivedModel;
  /** keepalived -t's verdict on the text, said in the header. */
  errors: Array<{ line: number; message: string }>;
  /** The page the script came from, for its header. */
  source?: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const net24 = (a: string) => a.split('.').slice(0, 3).join('.');
const host = (a: string) => Number(a.split('.')[3]);
/** Quotes a word for sh. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** A heredoc delimiter the text does not contain. */
const delimiter = (text: string) => {
  let d = 'LVSLAB_EOF';
  while (text.includes(d)) d += '_';
  return d;
};

interface Plan {
  /** Director interfaces and the /24 networks each carries: iface -> [net]. */
  ifaces: Map<string, Set<string>>;
  d1: Map<string, string>; // net -> address of director 1
  d2: Map<string, string>;
  client: string;
  servers: Array<{ addr: string; ports: number[]; kind: 'NAT' | 'DR' | 'TUN'; vips: string[]; gateway?: string }>;
}

function plan(m: KeepalivedModel): Plan {
  const used = new Set<string>();
  const note = (a: string | undefined) => a && IPV4.test(a) && used.add(a);
  const ifaces = new Map<string, Set<string>>();
  const addNet = (iface: string, net: string) => {
    if (!ifaces.has(iface)) ifaces.set(iface, new Set());
    ifaces.get(iface)!.add(net);
  };
  const firstIface = m.instances.find((i) => i.interface)?.interface ?? 'eth0';
  for (const i of m.instances) {
    for (const v of i.virtualIps) {
      note(v.address);
      if (IPV4.test(v.address)) addNet(v.dev ?? i.interface ?? firstIface, net24(v.address));
    }
    note(i.unicastSrcIp);
    i.unicastPeers.forEach(note);
    if (i.unicastSrcIp && IPV4.test(i.unicastSrcIp)) addNet(i.interface ?? firstIface, net24(i.unicastSrcIp));
  }
  const vipSet = new Set(m.instances.flatMap((i) => i.virtualIps.map((v) => v.address)));
  const servers = new Map<string, Plan['servers'][number]>();
  for (const vs of m.virtualServers) {
    const members = [...vs.realServers.map((r) => ({ addr: r.address, port: r.port ?? vs.port })), ...(vs.sorryServer ? [{ addr: vs.sorryServer.address, port: vs.sorryServer.port ?? vs.port }] : [])];
    for (const r of members) {
      if (!IPV4.test(r.addr)) continue;
      note(r.addr);
      const s = servers.get(r.addr) ?? { addr: r.addr, ports: [], kind: vs.lbKind, vips: [] };
      if (r.port && !s.ports.includes(r.port)) s.ports.push(r.port);
      if (vs.address && IPV4.test(vs.address) && !s.vips.includes(vs.address)) s.vips.push(vs.address);
      s.kind = vs.lbKind;
      servers.set(r.addr, s);
      const net = net24(r.addr);
      if (![...ifaces.values()].some((n) => n.has(net))) addNet(firstIface, net);
    }
    if (vs.address && IPV4.test(vs.address) && ![...ifaces.values()].some((n) => n.has(net24(vs.address!)))) addNet(firstIface, net24(vs.address));
  }
  if (ifaces.size === 0) addNet(firstIface, '192.168.200');
  for (const i of m.instances) if (i.interface && !ifaces.has(i.interface)) ifaces.set(i.interface, new Set());
  const free = (net: string, from: number, step: number) => {
    for (let h = from; h > 0 && h < 255; h += step) if (!used.has(`${net}.${h}`)) return `${net}.${h}`;
    return `${net}.${from}`;
  };
  const d1 = new Map<string, string>();
  const d2 = new Map<string, string>();
  const src = m.instances.find((i) => i.unicastSrcIp && IPV4.test(i.unicastSrcIp));
  for (const nets of ifaces.values()) {
    for (const net of nets) {
      const a = src && net24(src.unicastSrcIp!) === net ? src.unicastSrcIp! : free(net, 2, 1);
      used.add(a);
      d1.set(net, a);
      const peer = src && net24(src.unicastSrcIp!) === net ? src.unicastPeers.find((p) => net24(p) === net) : undefined;
      const b = peer ?? free(net, 3, 1);
      used.add(b);
      d2.set(net, b);
    }
  }
  let clientNet = [...(ifaces.get(firstIface) ?? new Set(['192.168.200']))][0] ?? '192.168.200';
  // A VS/NAT real server on the client's own network would answer the client directly, around the
  // director, and the client would drop the reply: such a client gets a network of its own.
  if ([...servers.values()].some((s) => s.kind === 'NAT' && net24(s.addr) === clientNet)) {
    clientNet = '172.31.254';
    for (const [map, h] of [[d1, 2], [d2, 3]] as const) map.set(clientNet, `${clientNet}.${h}`);
    ifaces.get(firstIface)!.add(clientNet);
  }
  const client = free(clientNet, 254, -1);
  for (const s of servers.values()) {
    // Replies of VS/NAT must pass the director: a VIP in the server's network (a gateway that moves
    // with the master) if the config has one, else director 1's own address there. DR and TUN
    // servers answer the client themselves and need only a way to its network.
    const vipGw = s.kind === 'NAT' ? [...vipSet].find((v) => IPV4.test(v) && net24(v) === net24(s.addr) && v !== s.addr) : undefined;
    s.gateway = vipGw ?? d1.get(net24(s.addr));
  }
  return { ifaces, d1, d2, client, servers: [...servers.values()].sort((a, b) => host(a.addr) - host(b.addr) || a.addr.localeCompare(b.addr)) };
}

export function labScript(input: LabScriptInput): string {
  const { text, model } = input;
  const p = plan(model);
  const peer = peerConfig(text);
  const d = delimiter(text + peer);
  const ifaceNames = [...p.ifaces.keys()];
  const rsNames = p.servers.map((_, i) => `rs${i + 1}`);
  const services = model.virtualServers.filter((v) => v.address && IPV4.test(v.address) && v.port);
  const L: string[] = [];
  L.push(
    '#!/bin/sh',
    '# LVS Lab — your keepalived.conf, built for real on this Linux machine.',
    `#   made by LVS Lab${input.source ? ` (${input.source})` : ''}`,
    '#',
    '# What it creates (every name starts with $ID, "lvslab" unless LVSLAB_ID is set):',
    '#   network namespaces  $ID-lan (a bridge: the one segment everything is on)',
    `#                       $ID-client (${p.client})`,
    `#                       $ID-d1 (director 1: your config, ${[...p.d1.values()].join(', ')})`,
    `#                       $ID-d2 (director 2: a generated peer, BACKUP, priority 10 lower, ${[...p.d2.values()].join(', ')})`,
    ...p.servers.map((s, i) => `#                       $ID-${rsNames[i]} (real server ${s.addr}, ${s.kind}, HTTP on port${s.ports.length > 1 ? 's' : ''} ${s.ports.join(', ') || '80'})`),
    `#   in each director: interfaces ${ifaceNames.join(', ')} (the names your config uses), keepalived with the config`,
    '#   files and logs under $DIR (/tmp/$ID unless LVSLAB_DIR is set)',
    '# It changes nothing outside those namespaces and that folder.',
    '#',
    '# Needs: root, Linux with network namespaces, veth and bridge (and the ip_vs module for virtual servers),',
    '#   iproute2, keepalived, python3 (the real servers and the client); ipvsadm to print the IPVS table.',
    '#',
    '#   sudo sh lab.sh up        build it and start keepalived in both directors',
    '#   sudo sh lab.sh status    who is MASTER, the VIPs, the IPVS table, a request to each virtual server',
    '#   sudo sh lab.sh down      remove everything it made (clean up)',
  );
  if (input.errors.length) {
    L.push('#', `# keepalived -t rejects this config (${input.errors.length} error${input.errors.length > 1 ? 's' : ''}); keepalived still starts and skips what it cannot use:`);
    for (const e of input.errors.slice(0, 30)) L.push(`#   line ${e.line}: ${e.message.replace(/\s+/g, ' ')}`);
  }
  L.push(
    '',
    'set -eu',
    'ID=${LVSLAB_ID:-lvslab}',
    'DIR=${LVSLAB_DIR:-/tmp/$ID}',
    'PY=$(command -v python3 || echo /usr/bin/python3)',
    `NODES="client d1 d2${rsNames.map((n) => ` ${n}`).join('')}"`,
    '',
    'need() { command -v "$1" >/dev/null 2>&1 || { echo "lab.sh: $1 is needed ($2)" >&2; exit 1; }; }',
    'ns() { n=$1; shift; ip netns exec "$ID-$n" "$@"; }',
    '',
    '# One veth from node $1 (named $2 there) to the bridge.',
    'wire() {',
    '  peer="v$(printf %s "$1$2" | cksum | cut -c1-9)"',
    '  ip -n "$ID-lan" link add "$peer" type veth peer name "$2" netns "$ID-$1"',
    '  ip -n "$ID-lan" link set "$peer" master br0 up',
    '  ip -n "$ID-$1" link set "$2" up',
    '}',
    '',
    'configs() {',
    '  mkdir -p "$DIR"',
    `  cat > "$DIR/d1.conf" <<'${d}'`,
    text,
    d,
    `  cat > "$DIR/d2.conf" <<'${d}'`,
    peer,
    d,
    `  cat > "$DIR/server.py" <<'${d}'`,
    'import http.server, socketserver, sys',
    'name, port = sys.argv[1], int(sys.argv[2])',
    'class H(http.server.BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    '        body = ("%s:%d\\n" % (name, port)).encode()',
    '        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)',
    '    def log_message(self, *a): pass',
    'class S(socketserver.ThreadingMixIn, http.server.HTTPServer): daemon_threads = True; allow_reuse_address = True',
    'S(("0.0.0.0", port), H).serve_forever()',
    d,
    '}',
    '',
    'up() {',
    '  need ip iproute2; need keepalived "the directors"; need "$PY" "the real servers"',
    '  if ip netns list | grep -q "^$ID-lan\\b"; then echo "lab.sh: $ID is already up (sh lab.sh down first)" >&2; exit 1; fi',
    '  modprobe ip_vs 2>/dev/null || true',
    '  configs',
    '  ip netns add "$ID-lan"',
    '  ip -n "$ID-lan" link add br0 type bridge',
    '  ip -n "$ID-lan" link set br0 type bridge mcast_snooping 0 2>/dev/null || true',
    '  ip -n "$ID-lan" link set br0 up',
    '  for n in $NODES; do ip netns add "$ID-$n"; ip -n "$ID-$n" link set lo up; done',
    `  wire client eth0; ip -n "$ID-client" addr add ${p.client}/24 dev eth0`,
  );
  for (const [dn, addrs] of [['d1', p.d1], ['d2', p.d2]] as const) {
    for (const [iface, nets] of p.ifaces) {
      L.push(`  wire ${dn} ${q(iface)}`);
      for (const net of nets) L.push(`  ip -n "$ID-${dn}" addr add ${addrs.get(net)}/24 dev ${q(iface)}`);
    }
    L.push(`  ns ${dn} sysctl -qw net.ipv4.ip_forward=1`, `  ns ${dn} sysctl -qw net.ipv4.vs.conntrack=1 2>/dev/null || true`);
  }
  // The client reaches other networks (a NAT director's inside, say) through director 1.
  const clientGw = p.d1.get(net24(p.client));
  if (clientGw) L.push(`  ip -n "$ID-client" route add default via ${clientGw} 2>/dev/null || true`);
  p.servers.forEach((s, i) => {
    const n = rsNames[i]!;
    L.push(`  wire ${n} eth0; ip -n "$ID-${n}" addr add ${s.addr}/24 dev eth0`);
    if (s.gateway) L.push(`  ip -n "$ID-${n}" route add default via ${s.gateway}`);
    if (s.kind === 'DR') {
      L.push(`  ns ${n} sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2`);
      for (const v of s.vips) L.push(`  ip -n "$ID-${n}" addr add ${v}/32 dev lo`);
    }
    if (s.kind === 'TUN') {
      L.push('  modprobe ipip 2>/dev/null || true', `  ip -n "$ID-${n}" link set tunl0 up`,
        `  ns ${n} sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.tunl0.rp_filter=0 net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2`);
      for (const v of s.vips) L.push(`  ip -n "$ID-${n}" addr add ${v}/32 dev tunl0`);
    }
    for (const port of s.ports.length ? s.ports : [80]) L.push(`  ns ${n} "$PY" "$DIR/server.py" ${s.addr} ${port} >/dev/null 2>&1 & echo $! >> "$DIR/pids"`);
  });
  L.push(
    '  for dn in d1 d2; do',
    '    ns $dn keepalived -n -l -D -G -f "$DIR/$dn.conf" -p "$DIR/$dn.pid" -r "$DIR/$dn-vrrp.pid" -c "$DIR/$dn-check.pid" > "$DIR/$dn.log" 2>&1 &',
    '    echo $! >> "$DIR/pids"',
    '  done',
    '  echo "$ID is up. Give VRRP a few seconds, then: sh lab.sh status   (clean up: sh lab.sh down)"',
    '}',
    '',
    'status() {',
    '  for dn in d1 d2; do',
    '    state=$(grep -o "Entering [A-Z]* STATE" "$DIR/$dn.log" 2>/dev/null | tail -n 1 | cut -d" " -f2)',
    '    echo "== $dn: ${state:-no state yet}"',
    '    ip -n "$ID-$dn" -4 -br addr show | sed "s/^/   /"',
    '    if command -v ipvsadm >/dev/null 2>&1; then ns $dn ipvsadm -Ln | sed "s/^/   /"; fi',
    '  done',
  );
  for (const vs of services.filter((v) => (v.protocol ?? 'TCP') === 'TCP')) {
    L.push(`  printf '== client -> ${vs.address}:${vs.port}: '`, `  ns client "$PY" -c 'import sys,urllib.request;print(urllib.request.urlopen("http://${vs.address}:${vs.port}/",timeout=3).read().decode().strip())' 2>&1 | tail -n 1 || true`);
  }
  L.push(
    '}',
    '',
    'down() {',
    '  if [ -f "$DIR/pids" ]; then for p in $(cat "$DIR/pids"); do kill "$p" 2>/dev/null || true; done; sleep 1; fi',
    '  for n in $NODES lan; do ip netns del "$ID-$n" 2>/dev/null || true; done',
    '  rm -rf "$DIR"',
    '  echo "$ID removed"',
    '}',
    '',
    'case "${1:-up}" in',
    '  up) up ;;',
    '  status) status ;;',
    '  down) down ;;',
    '  *) echo "usage: sh lab.sh up|status|down" >&2; exit 2 ;;',
    'esac',
    '',
  );
  return L.join('\n');
}
