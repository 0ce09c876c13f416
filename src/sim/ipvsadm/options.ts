/**
 * ipvsadm 1.31's command line: its options (long and short names, whether they take a value), the
 * commands, and which options each command requires, forbids, or takes one of (its option table).
 * Facts about the program's interface, as its usage and man page state them and the conformance
 * suite checks them against the real binary.
 */
export type Cmd = 'add-service' | 'edit-service' | 'delete-service' | 'flush' | 'list' | 'add-server' | 'delete-server' | 'edit-server' | 'set' | 'start-daemon' | 'stop-daemon' | 'restore' | 'save' | 'zero';

/** Option names in the order ipvsadm checks them (its error messages name them so). */
export const OPTS = [
  'numeric', 'connection', 'service-address', 'scheduler', 'persistent', 'netmask', 'real-server', 'forwarding-method',
  'weight', 'u-threshold', 'l-threshold', 'mcast-interface', 'timeout', 'daemon', 'stats', 'rate', 'thresholds',
  'persistent-conn', 'nosort', 'syncid', 'exact', 'ops', 'pe', 'sched-flags', 'mcast-group', 'mcast-port', 'mcast-ttl',
  'sync-maxlen', 'tun-info', 'tun-type', 'tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum',
] as const;
export type Opt = (typeof OPTS)[number];

/**
 * Per command, per option (in OPTS order): '+' required, 'x' not allowed, '1' at most one of the
 * '1's, ' ' optional.
 */
const TABLE: Record<Cmd, string> = {
  'add-service':    'xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx',
  'edit-service':   'xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx',
  'delete-service': 'xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  flush:            'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  list:             ' 11xxxxxxxxx11       xxxxxxx xxxxx',
  'add-server':     'xx+xxx+    xxxxxxxxxxxxxxxxxx     ',
  'delete-server':  'xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'edit-server':    'xx+xxx+    xxxxxxxxxxxxxxxxxx     ',
  set:              'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'start-daemon':   'xxxxxxxxxxx xxxxxxx xxxx    xxxxxx',
  'stop-daemon':    'xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx',
  restore:          'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  save:             ' xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  zero:             'xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
};

export const rule = (cmd: Cmd, opt: Opt): string => TABLE[cmd][OPTS.indexOf(opt)] ?? 'x';

export interface OptionDef {
  long: string;
  short?: string;
  /** 'none', a value, or a value that may be left out (-p). */
  arg: 'none' | 'value' | 'optional';
}

export const OPTION_DEFS: readonly OptionDef[] = [
  { long: 'add-service', short: 'A', arg: 'none' }, { long: 'edit-service', short: 'E', arg: 'none' },
  { long: 'delete-service', short: 'D', arg: 'none' }, { long: 'clear', short: 'C', arg: 'none' },
  { long: 'list', short: 'L', arg: 'none' }, { long: 'list', short: 'l', arg: 'none' }, { long: 'zero', short: 'Z', arg: 'none' },
  { long: 'add-server', short: 'a', arg: 'none' }, { long: 'edit-server', short: 'e', arg: 'none' },
  { long: 'delete-server', short: 'd', arg: 'none' }, { long: 'set', arg: 'none' }, { long: 'help', short: 'h', arg: 'none' },
  { long: 'version', short: 'v', arg: 'none' }, { long: 'restore', short: 'R', arg: 'none' }, { long: 'save', short: 'S', arg: 'none' },
  { long: 'start-daemon', arg: 'value' }, { long: 'stop-daemon', arg: 'value' },
  { long: 'tcp-service', short: 't', arg: 'value' }, { long: 'udp-service', short: 'u', arg: 'value' },
  { long: 'sctp-service', arg: 'value' }, { long: 'fwmark-service', short: 'f', arg: 'value' },
  { long: 'scheduler', short: 's', arg: 'value' }, { long: 'persistent', short: 'p', arg: 'optional' },
  { long: 'netmask', short: 'M', arg: 'value' }, { long: 'real-server', short: 'r', arg: 'value' },
  { long: 'masquerading', short: 'm', arg: 'none' }, { long: 'ipip', short: 'i', arg: 'none' }, { long: 'gatewaying', short: 'g', arg: 'none' },
  { long: 'weight', short: 'w', arg: 'value' }, { long: 'u-threshold', short: 'x', arg: 'value' }, { long: 'l-threshold', short: 'y', arg: 'value' },
  { long: 'numeric', short: 'n', arg: 'none' }, { long: 'connection', short: 'c', arg: 'none' },
  { long: 'mcast-interface', arg: 'value' }, { long: 'syncid', arg: 'value' }, { long: 'timeout', arg: 'none' },
  { long: 'daemon', arg: 'none' }, { long: 'stats', arg: 'none' }, { long: 'rate', arg: 'none' }, { long: 'thresholds', arg: 'none' },
  { long: 'persistent-conn', arg: 'none' }, { long: 'nosort', arg: 'none' }, { long: 'sort', arg: 'none' },
  { long: 'exact', short: 'X', arg: 'none' }, { long: 'ipv6', short: '6', arg: 'none' }, { long: 'ops', short: 'o', arg: 'none' },
  { long: 'pe', arg: 'value' }, { long: 'sched-flags', short: 'b', arg: 'value' }, { long: 'mcast-group', arg: 'value' },
  { long: 'mcast-port', arg: 'value' }, { long: 'mcast-ttl', arg: 'value' }, { long: 'sync-maxlen', arg: 'value' },
  { long: 'tun-info', arg: 'none' }, { long: 'tun-type', arg: 'value' }, { long: 'tun-port', arg: 'value' },
  { long: 'tun-nocsum', arg: 'none' }, { long: 'tun-csum', arg: 'none' }, { long: 'tun-remcsum', arg: 'none' },
];

/** What each command option stands for. */
export const COMMANDS: Record<string, Cmd | 'help' | 'version'> = {
  'add-service': 'add-service', 'edit-service': 'edit-service', 'delete-service': 'delete-service', clear: 'flush',
  list: 'list', zero: 'zero', 'add-server': 'add-server', 'edit-server': 'edit-server', 'delete-server': 'delete-server',
  set: 'set', help: 'help', version: 'version', restore: 'restore', save: 'save', 'start-daemon': 'start-daemon', 'stop-daemon': 'stop-daemon',
};
