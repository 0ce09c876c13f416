/**
 * The parameters keepalived's keyword handlers check, for the keywords people write most: what a
 * valid value is, and what the value means. Keyed by "block/keyword"; `*` stands for any checker block.
 * Read by the validator (diagnose/arguments.ts) and by completion and docs.
 */
import { decimal, oneOf, uint, type ValueCheck } from './values';

const CHECKERS = ['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'SMTP_CHECK', 'DNS_CHECK', 'UDP_CHECK', 'PING_CHECK', 'FILE_CHECK'];
export const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos'] as const;

const timer = (min: number) => decimal(min, 18446744073709.551614);

export const ARGUMENTS: Record<string, { check: ValueCheck; what: string }> = {
  'global_defs/vrrp_garp_interval': { check: decimal(0.000001, 4294.967295), what: 'the delay between gratuitous ARPs, in seconds' },
  'global_defs/vrrp_gna_interval': { check: decimal(0.000001, 4294.967295), what: 'the delay between unsolicited neighbour adverts, in seconds' },
  'global_defs/vrrp_version': { check: oneOf(['2', '3']), what: 'the VRRP version' },
  'global_defs/smtp_connect_timeout': { check: uint(1, 4294967295), what: 'seconds' },
  'vrrp_instance/virtual_router_id': { check: uint(1, 255), what: 'the VRID, shared by all routers of this instance' },
  'vrrp_instance/priority': { check: uint(1, 255), what: 'the priority (255 = address owner)' },
  'vrrp_instance/advert_int': { check: decimal(0.01, 255), what: 'seconds between adverts' },
  'vrrp_instance/state': { check: oneOf(['MASTER', 'BACKUP']), what: 'the initial state, MASTER or BACKUP in capitals' },
  'vrrp_instance/version': { check: oneOf(['2', '3']), what: 'the VRRP version' },
  'vrrp_instance/preempt_delay': { check: decimal(0, 1000), what: 'seconds' },
  'vrrp_instance/garp_master_delay': { check: uint(0, 255), what: 'seconds' },
  'authentication/auth_type': { check: oneOf(['PASS', 'AH']), what: 'PASS or AH' },
  'vrrp_script/interval': { check: timer(0.000001), what: 'seconds between runs' },
  'vrrp_script/weight': { check: (t) => (/^-?\d+$/.test(t) && Math.abs(Number(t)) <= 254 ? undefined : `weight '${t}' outside range [-254, 254]`), what: 'the priority change' },
  'vrrp_script/rise': { check: uint(1, 4294967295), what: 'successes before OK' },
  'vrrp_script/fall': { check: uint(1, 4294967295), what: 'failures before KO' },
  'virtual_server/lb_algo': { check: oneOf(SCHEDULERS), what: 'the IPVS scheduler' },
  'virtual_server/lvs_sched': { check: oneOf(SCHEDULERS), what: 'the IPVS scheduler' },
  'virtual_server/lb_kind': { check: oneOf(['NAT', 'DR', 'TUN']), what: 'the forwarding method' },
  'virtual_server/lvs_method': { check: oneOf(['NAT', 'DR', 'TUN']), what: 'the forwarding method' },
  'virtual_server/protocol': { check: oneOf(['TCP', 'UDP', 'SCTP'], { caseless: true }), what: 'TCP, UDP or SCTP' },
  'virtual_server/persistence_timeout': { check: uint(1, 2678400), what: 'seconds' },
  'virtual_server/delay_loop': { check: timer(0.000001), what: 'seconds between checks' },
  'virtual_server/connect_timeout': { check: timer(0.000001), what: 'seconds' },
  'real_server/weight': { check: uint(0, 2147483647), what: 'the weight' },
  '*/connect_timeout': { check: timer(0.000001), what: 'seconds' },
  '*/retry': { check: uint(0, 4294967295), what: 'how many retries' },
  '*/delay_before_retry': { check: timer(0), what: 'seconds' },
  '*/connect_port': { check: uint(1, 65535), what: 'a TCP/UDP port' },
  '*/delay_loop': { check: timer(0.000001), what: 'seconds' },
  'url/status_code': { check: (t) => (/^\d{3}(-\d{3})?$/.test(t) && Number(t.slice(0, 3)) >= 100 && Number(t.slice(0, 3)) <= 599 ? undefined : `status code '${t}' is not an HTTP status from 100 to 599`), what: 'the HTTP status expected' },
};

export const argumentSpec = (parent: string, keyword: string): { check: ValueCheck; what: string } | undefined =>
  ARGUMENTS[`${parent}/${keyword}`] ?? (CHECKERS.includes(parent) ? ARGUMENTS[`*/${keyword}`] : undefined);

