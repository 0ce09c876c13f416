/**
 * Builds, as a guest shell script, the packet engine's network for one forwarding mode: a network
 * namespace per node (client, router, director, rs1, rs2) with the engine's addresses, MACs, routes
 * and sysctls, one bridge per L2 segment, real IPVS on the director (rr, rs1 first in the list),
 * tiny TCP servers, and tcpdump on every segment. The client makes one exchange; each segment's
 * capture is written as tcpdump text to $WORK/out/<tag>-<link>.txt and the outcome to <tag>-client.txt.
 */
import type { Topology } from '../../sim/packet/topology';

const METHOD = { nat: '-m', fullnat: '-m', dr: '-g', tun: '-i' } as const;

export interface ScriptOptions {
  requestBytes?: number;
  /** Nodes whose iptables chains log every TCP packet with TRACE (read from dmesg into <tag>-trace.txt). */
  trace?: string[];
}

export function forwardingScript(topo: Topology, tag: string, opts: ScriptOptions = {}): string {
  const requestBytes = opts.requestBytes ?? 120;
  const ns = (node: string) => `${tag}-${node}`;
  const sw = `${tag}-sw`;
  const lines: string[] = [`# ${tag}: VS/${topo.mode.toUpperCase()}`, `ip netns add ${sw}`, `ip -n ${sw} link set lo up`];
  for (const link of topo.links) lines.push(`ip -n ${sw} link add br-${link} type bridge`, `ip -n ${sw} link set br-${link} up`);
  let port = 0;
  for (const node of Object.values(topo.nodes)) {
    const n = ns(node.id);
    // No IPv6: its neighbour discovery and router solicitations would only clutter the captures.
    lines.push(`ip netns add ${n}`, `ip netns exec ${n} sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1`, `ip -n ${n} link set lo up`);
    const s = node.sysctl;
    lines.push(
      `ip netns exec ${n} sysctl -qw net.ipv4.ip_forward=${s.ipForward ? 1 : 0} net.ipv4.conf.all.arp_ignore=${s.arpIgnore} net.ipv4.conf.all.arp_announce=${s.arpAnnounce} net.ipv4.conf.all.rp_filter=${s.rpFilter} net.ipv4.conf.default.rp_filter=${s.rpFilter}`,
    );
    if (node.ipip) {
      // The ipip module: tunl0 appears in every namespace and, once up, decapsulates IP-in-IP for any address.
      lines.push('modprobe ipip', `ip netns exec ${n} sysctl -qw net.ipv4.conf.tunl0.rp_filter=${s.rpFilter}`, `ip -n ${n} link set tunl0 up`);
    }
    for (const iface of node.ifaces) {
      if (iface.name === 'lo') {
        for (const a of iface.addrs) lines.push(`ip -n ${n} addr add ${a.ip}/${a.prefix} dev lo`);
        continue;
      }
      if (iface.name === 'tunl0') {
        for (const a of iface.addrs) lines.push(`ip -n ${n} addr add ${a.ip}/${a.prefix} dev tunl0`);
        continue;
      }
      const peer = `p${++port}`;
      lines.push(
        `ip link add ${iface.name} netns ${n} address ${iface.mac} mtu ${node.mtu} type veth peer name ${peer} netns ${sw}`,
        `ip -n ${sw} link set ${peer} master br-${iface.link} up`,
        `ip -n ${n} link set ${iface.name} up`,
      );
      for (const a of iface.addrs) lines.push(`ip -n ${n} addr add ${a.ip}/${a.prefix} dev ${iface.name}`);
    }
    for (const r of node.routes) if (r.via) lines.push(`ip -n ${n} route add ${r.dst}/${r.prefix} via ${r.via} dev ${r.dev}`);
  }
  // The director: a TCP service on the VIP; rs2 added first, so rs1 heads the list and rr picks it.
  const d = ns('director');
  lines.push(`ip netns exec ${d} ipvsadm -A -t ${topo.vip}:${topo.vport} -s rr`);
  for (const r of [...topo.real].reverse()) lines.push(`ip netns exec ${d} ipvsadm -a -t ${topo.vip}:${topo.vport} -r ${r.ip}:${r.port} ${METHOD[topo.mode]} -w 1`);
  for (const r of topo.real) {
    lines.push(`ip netns exec ${ns(r.id)} /usr/bin/python3 "$GUEST/tcp-exchange.py" server ${r.port} "$TMPDIR/${tag}-${r.id}.ready" ${requestBytes} & SERVERS="$SERVERS $!"`);
  }
  if (opts.trace?.length) {
    // iptables TRACE (legacy tables: this kernel has no nftables ip family) from inside namespaces
    // logs only with nf_log_all_netns in the initial namespace and a logger bound in each one.
    lines.push('for m in nf_log_syslog xt_TRACE iptable_raw iptable_mangle iptable_nat iptable_filter iptable_security; do modprobe $m; done', 'sysctl -qw net.netfilter.nf_log_all_netns=1');
    for (const node of opts.trace) {
      const n = ns(node);
      lines.push(`ip netns exec ${n} sysctl -qw net.netfilter.nf_log.2=nf_log_ipv4`);
      // A rule in every table brings the table in; the conntrack match turns connection tracking on
      // in this namespace (nf_ct_netns_get), without which the nat table is never consulted.
      for (const t of ['mangle', 'nat', 'filter', 'security']) lines.push(`ip netns exec ${n} iptables-legacy -t ${t} -A ${t === 'nat' || t === 'mangle' ? 'PREROUTING' : 'INPUT'} -p udp --dport 9 -j RETURN`);
      lines.push(`ip netns exec ${n} iptables-legacy -t filter -A INPUT -p udp --dport 9 -m conntrack --ctstate NEW -j RETURN`);
      lines.push(`ip netns exec ${n} iptables-legacy -t raw -A PREROUTING -p tcp -j TRACE`, `ip netns exec ${n} iptables-legacy -t raw -A OUTPUT -p tcp -j TRACE`);
    }
    // Read-and-clear (-c), which busybox's dmesg (the browser's guest) and util-linux's both have; busybox has no
    // -C, and without a clear a second run in the same machine read the first run's TRACE lines as its own.
    lines.push('dmesg -c > /dev/null');
  }
  for (const link of topo.links) {
    lines.push(`ip netns exec ${sw} tcpdump -i br-${link} -U -nn -s 256 -w "$TMPDIR/${tag}-${link}.pcap" 'tcp or arp or icmp or ip proto 4' 2>/dev/null & DUMPS="$DUMPS $!"`);
  }
  lines.push(
    `for i in $(seq 50); do ls "$TMPDIR"/${tag}-rs*.ready >/dev/null 2>&1 && [ $(ls "$TMPDIR"/${tag}-rs*.ready | wc -l) -eq ${topo.real.length} ] && break; sleep 0.1; done`,
    'sleep 1',
    `ip netns exec ${ns('client')} /usr/bin/python3 "$GUEST/tcp-exchange.py" client ${topo.client.ip} ${topo.client.port} ${topo.vip} ${topo.vport} "$WORK/out/${tag}-client.txt" ${requestBytes}`,
    'sleep 1',
    `ip netns exec ${d} ipvsadm -Lnc > "$WORK/out/${tag}-ipvs.txt"`,
    ...(opts.trace?.length ? [`dmesg -c | grep 'TRACE:' > "$WORK/out/${tag}-trace.txt"`] : []),
    'kill $DUMPS $SERVERS 2>/dev/null; wait $DUMPS 2>/dev/null',
  );
  for (const link of topo.links) lines.push(`tcpdump -r "$TMPDIR/${tag}-${link}.pcap" -e -nn -v -S -tt > "$WORK/out/${tag}-${link}.txt" 2>/dev/null`);
  lines.push(`for n in $(ip netns list | awk '{print $1}' | grep '^${tag}-'); do ip netns del $n; done`, 'DUMPS=; SERVERS=');
  return lines.join('\n');
}
