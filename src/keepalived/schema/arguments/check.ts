/**
 * Arguments of virtual_server, real_server and the health checkers (keepalived/check/check_parser.c,
 * check_http.c, check_dns.c, check_misc.c, check_smtp.c, check_udp.c, check_file.c, check_bfd.c).
 * `*` stands for any checker block (TCP_CHECK, HTTP_GET, …, and SMTP_CHECK's host).
 */
import { addr, bool, dec, flag, hex, iface, int, oneOf, port, script, str, uint, UINT_MAX, INT_MAX, TIMER_MAX, TIMER_UINT, type ArgSpec } from './types';

export const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos'] as const;
const METHODS = ['NAT', 'DR', 'TUN'];
const DNS_TYPES = ['A', 'NS', 'CNAME', 'SOA', 'MX', 'TXT', 'AAAA', 'RRSIG', 'DNSKEY'];

/** The timers and retries every level (virtual server, real server, checker) may set. */
const timers = (block: string, retryMin: number): Record<string, ArgSpec> => ({
  [`${block}/retry`]: uint(retryMin, UINT_MAX, 'how many retries'),
  [`${block}/delay_before_retry`]: dec(0, TIMER_MAX, 'seconds'),
  [`${block}/warmup`]: dec(0, TIMER_MAX, 'seconds'),
  [`${block}/connect_timeout`]: dec(0.000001, TIMER_UINT, 'seconds'),
  [`${block}/delay_loop`]: dec(0.000001, TIMER_MAX, 'seconds between checks'),
});

const alerts = (block: string): Record<string, ArgSpec> => ({
  [`${block}/smtp_alert`]: bool('send alert e-mails'),
  [`${block}/virtualhost`]: str('the Host: header for HTTP checks'),
  [`${block}/snmp_name`]: str('the name in SNMP'),
});

export const CHECK: Record<string, ArgSpec> = {
  'virtual_server/ip_family': oneOf(['inet', 'inet6'], 'inet or inet6'),
  ...timers('virtual_server', 1),
  'virtual_server/inhibit_on_failure': flag('set weight 0 instead of removing failed servers'),
  'virtual_server/lb_algo': oneOf(SCHEDULERS, 'the IPVS scheduler'),
  'virtual_server/lvs_sched': oneOf(SCHEDULERS, 'the IPVS scheduler'),
  'virtual_server/hashed': flag('sh/mh scheduler flag'),
  'virtual_server/ops': flag('one-packet scheduling (UDP)'),
  'virtual_server/flag-1': flag('scheduler flag 1'),
  'virtual_server/flag-2': flag('scheduler flag 2'),
  'virtual_server/flag-3': flag('scheduler flag 3'),
  'virtual_server/sh-port': flag('sh scheduler: hash the port too'),
  'virtual_server/sh-fallback': flag('sh scheduler: fall back when a server is down'),
  'virtual_server/mh-port': flag('mh scheduler: hash the port too'),
  'virtual_server/mh-fallback': flag('mh scheduler: fall back when a server is down'),
  'virtual_server/lb_kind': oneOf(METHODS, 'the forwarding method'),
  'virtual_server/lvs_method': oneOf(METHODS, 'the forwarding method'),
  'virtual_server/persistence_engine': str('the persistence engine (sip)'),
  'virtual_server/persistence_timeout': uint(1, 2678400, 'seconds', { optional: true }),
  'virtual_server/persistence_granularity': addr('netmask', 'a netmask such as 255.255.255.0'),
  'virtual_server/protocol': oneOf(['TCP', 'UDP', 'SCTP'], 'TCP, UDP or SCTP', { caseless: true }),
  'virtual_server/ha_suspend': flag('suspend while the VIP is missing'),
  ...alerts('virtual_server'),
  'virtual_server/alpha': flag('start with real servers down'),
  'virtual_server/omega': flag('run quorum_down at stop'),
  'virtual_server/quorum_up': script('a command run when the quorum is met'),
  'virtual_server/quorum_down': script('a command run when the quorum is lost'),
  'virtual_server/quorum': uint(1, UINT_MAX, 'the total weight needed'),
  'virtual_server/hysteresis': uint(0, UINT_MAX, 'the weight margin around the quorum'),
  'virtual_server/weight': uint(1, INT_MAX, 'the weight in a quorum'),
  'virtual_server/sorry_server': addr('ip', 'the sorry server address (then its port)'),
  'virtual_server/sorry_server_inhibit': flag('inhibit the sorry server instead of removing it'),
  'virtual_server/sorry_server_lvs_method': oneOf(METHODS, 'the forwarding method'),
  'real_server/weight': uint(0, INT_MAX, 'the weight'),
  'real_server/lvs_method': oneOf(METHODS, 'the forwarding method'),
  'real_server/uthreshold': uint(0, UINT_MAX, 'the most connections'),
  'real_server/lthreshold': uint(0, UINT_MAX, 'the connections below which it takes new ones again'),
  'real_server/inhibit_on_failure': bool('set weight 0 instead of removing it'),
  'real_server/notify_up': script('a command run when it comes up'),
  'real_server/notify_down': script('a command run when it goes down'),
  'real_server/alpha': bool('start it down'),
  ...timers('real_server', 1),
  ...alerts('real_server'),
  // Every checker
  '*/connect_ip': addr('ip', 'the address to check'),
  '*/connect_port': port('a TCP/UDP port'),
  '*/bindto': addr('ip', 'the source address'),
  '*/bind_port': port('the source port'),
  '*/bind_if': iface('the source interface'),
  '*/fwmark': uint(0, UINT_MAX, 'the firewall mark of check packets'),
  ...timers('*', 0),
  '*/alpha': bool('start down'),
  '*/log_all_failures': bool('log every failure'),
  // HTTP_GET, SSL_GET
  '*/nb_get_retry': uint(0, UINT_MAX, 'how many retries', { deprecated: 'retry' }),
  '*/virtualhost': str('the Host: header'),
  '*/http_protocol': oneOf(['1.0', '1.1', '1.0C', '1.0c'], 'the HTTP version: 1.0, 1.1 or 1.0C'),
  '*/enable_sni': bool('send SNI'),
  '*/fast_recovery': bool('check again at once after a failure'),
  'url/path': str('the URL path'),
  'url/digest': { ...hex('the MD5 of the page, 32 hex digits'), min: 32, max: 32 },
  'url/status_code': { type: 'http_status', what: 'the HTTP status expected', optional: true },
  'url/virtualhost': str('the Host: header'),
  'url/regex': str('a regular expression the page must match', { optional: true }),
  'url/regex_no_match': flag('the page must not match'),
  'url/regex_options': str('PCRE options', { optional: true }),
  'url/regex_min_offset': uint(0, UINT_MAX, 'an offset in the page', { optional: true, lenient: true }),
  'url/regex_max_offset': uint(0, UINT_MAX, 'an offset in the page', { optional: true, lenient: true }),
  'url/regex_stack': uint(0, UINT_MAX, 'the PCRE stack size', { optional: true, lenient: true }),
  // MISC_CHECK
  '*/misc_path': script('the check command'),
  '*/misc_timeout': uint(0, 4294, 'seconds'),
  '*/misc_dynamic': flag('the exit code sets the weight'),
  '*/user': str('the user (and group) to run as'),
  // SMTP_CHECK
  '*/helo_name': str('the HELO name'),
  // UDP_CHECK
  '*/payload': hex('the payload, in hex'),
  '*/require_reply': hex('the reply expected, in hex (x = any digit)', { optional: true, special: 'wildcard' }),
  '*/min_reply_length': uint(0, 65535, 'bytes'),
  '*/max_reply_length': uint(0, 65535, 'bytes'),
  // DNS_CHECK, FILE_CHECK, BFD_CHECK
  'DNS_CHECK/type': oneOf(DNS_TYPES, 'the record type', { caseless: true }),
  'DNS_CHECK/name': str('the name to look up'),
  'FILE_CHECK/track_file': str('the track_file to follow'),
  'FILE_CHECK/weight': int(-INT_MAX, INT_MAX, "the multiplier (then optionally 'reverse')"),
  'BFD_CHECK/name': str('the bfd_instance to follow'),
};
