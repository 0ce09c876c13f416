/** Arguments of the smaller blocks: garp_group, track_file, SSL, bfd_instance. */
import { addr, dec, flag, iface, int, path, str, uint, type ArgSpec } from './types';

const trackFile = (block: string): Record<string, ArgSpec> => ({
  [`${block}/file`]: path('the file holding a number'),
  [`${block}/weight`]: int(-254, 254, "the multiplier of the number (then optionally 'reverse')"),
  [`${block}/init_file`]: int(-254, 254, "the value to create the file with (then optionally 'overwrite')", { optional: true }),
});

export const OTHER: Record<string, ArgSpec> = {
  'garp_group/garp_interval': dec(0, 2147.483647, 'seconds between gratuitous ARPs'),
  'garp_group/gna_interval': dec(0, 2147.483647, 'seconds between neighbour adverts'),
  'garp_group/interface': iface('the interface of the group'),
  ...trackFile('track_file'),
  ...trackFile('vrrp_track_file'),
  'SSL/password': str('the key password'),
  'SSL/ca': path('the CA certificate file'),
  'SSL/certificate': path('the client certificate file'),
  'SSL/key': path('the client key file'),
  'bfd_instance/source_ip': addr('ip', 'the source address'),
  'bfd_instance/neighbor_ip': addr('ip', "the neighbour's address"),
  'bfd_instance/neighbour_ip': addr('ip', "the neighbour's address"),
  'bfd_instance/min_rx': { ...dec(1, 4294967, 'milliseconds'), places: 3 },
  'bfd_instance/min_tx': { ...dec(1, 4294967, 'milliseconds'), places: 3 },
  'bfd_instance/idle_tx': { ...dec(1000, 4294967, 'milliseconds'), places: 3 },
  'bfd_instance/multiplier': uint(1, 255, 'missed packets before down'),
  'bfd_instance/passive': flag('wait for the neighbour to start'),
  'bfd_instance/ttl': uint(1, 255, 'the TTL of packets'),
  'bfd_instance/hoplimit': uint(1, 255, 'the hop limit of packets'),
  'bfd_instance/max_hops': int(-1, 255, 'the most hops allowed (-1 = any)'),
  'bfd_instance/vrrp': flag('report to the VRRP process only'),
  'bfd_instance/checker': flag('report to the checker process only'),
};
