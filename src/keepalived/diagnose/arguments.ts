/**
 * Parameter checks keepalived's keyword handlers make, for the keywords people write most.
 * Each is an error, as keepalived -t rejects the file for any of them.
 * Keyed by "block/keyword"; `*` stands for any checker block.
 */
import type { ConfigNode } from '../parser';
import { decimal, oneOf, uint, type ValueCheck } from '../schema/values';
import { tokenRange } from '../tree-util';
import type { Diagnostic } from '../types';

const CHECKERS = ['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'SMTP_CHECK', 'DNS_CHECK', 'UDP_CHECK', 'PING_CHECK', 'FILE_CHECK'];
export const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos'] as const;

const timer = (min: number) => decimal(min, 18446744073709.551614);

const SPECS: Record<string, { check: ValueCheck; what: string }> = {
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

const specFor = (parent: string, keyword: string) =>
  SPECS[`${parent}/${keyword}`] ?? (CHECKERS.includes(parent) ? SPECS[`*/${keyword}`] : undefined);

export function checkArguments(node: ConfigNode, parent: string, out: Diagnostic[]): void {
  const spec = specFor(parent, node.keyword.text);
  if (!spec) return;
  const value = node.args[0];
  if (!value) {
    out.push({ severity: 'error', code: 'missing-value', message: `${node.keyword.text} needs a value: ${spec.what}`, ...tokenRange(node.keyword) });
    return;
  }
  const problem = spec.check(value.text);
  if (!problem) return;
  const stray = value.text.endsWith('\\')
    ? ". The '\\' comes from the end of this line: keepalived keeps a line's final backslash even when it ends a comment, and glues it to the value"
    : '';
  out.push({ severity: 'error', code: 'invalid-value', message: `${node.keyword.text}: ${problem} (${spec.what})${stray}`, ...tokenRange(value) });
}
