/**
 * The shape of an argument spec: what a keyword's first value must be, as keepalived 2.2.7's keyword
 * handler reads it (lib/parser.c read_unsigned, read_int, read_decimal_unsigned, check_true_false, …).
 * Plain data, so the validator, completion and the docs can all read it.
 */
export type ArgType =
  | 'flag' // takes no value
  | 'bool' // on/off, true/false, yes/no; the keyword alone means on
  | 'uint' | 'int' // whole numbers in [min, max]
  | 'decimal' // seconds (or other units) with up to `places` decimal places, in [min, max]
  | 'enum'
  | 'ipv4' | 'ipv6' | 'ip' // an address
  | 'inet' // an IPv4 address as inet_aton reads it (also a bare number), or an IPv6 address
  | 'netmask' // an IPv4 netmask as inet_aton reads it
  | 'umask' // an octal/hex/decimal mask, or IRUSR|IWGRP|… names
  | 'port'
  | 'interface'
  | 'path' | 'script' // a file, a command line
  | 'hex' // hexadecimal digits (min/max: how many)
  | 'http_status' // an HTTP status, or a range such as 200-299
  | 'string';

export interface ArgSpec {
  type: ArgType;
  /** What the value means, in a few words (shown in hover and completion). */
  what: string;
  min?: number;
  max?: number;
  places?: number;
  values?: readonly string[];
  caseless?: boolean;
  /** For addresses: must be a multicast address. For hex: x/X may stand for any digit. */
  special?: 'multicast' | 'wildcard';
  /** For enums: a whole number is fine too. */
  orNumber?: boolean;
  /** The keyword may be written without a value. */
  optional?: boolean;
  /** keepalived takes a bad value without complaint (exit 0): ours is a warning, not an error. */
  lenient?: boolean;
  /** keepalived -t reports the keyword itself as deprecated (an error); what to write instead. */
  deprecated?: string;
}

type Opts = Partial<Pick<ArgSpec, 'optional' | 'lenient' | 'deprecated' | 'caseless' | 'places' | 'special' | 'orNumber'>>;

export const flag = (what: string, o: Opts = {}): ArgSpec => ({ type: 'flag', what, ...o });
export const bool = (what: string, o: Opts = {}): ArgSpec => ({ type: 'bool', what, optional: true, ...o });
export const uint = (min: number, max: number, what: string, o: Opts = {}): ArgSpec => ({ type: 'uint', min, max, what, ...o });
export const int = (min: number, max: number, what: string, o: Opts = {}): ArgSpec => ({ type: 'int', min, max, what, ...o });
export const dec = (min: number, max: number, what: string, o: Opts = {}): ArgSpec => ({ type: 'decimal', min, max, places: 6, what, ...o });
export const oneOf = (values: readonly string[], what: string, o: Opts = {}): ArgSpec => ({ type: 'enum', values, what, ...o });
export const addr = (type: 'ipv4' | 'ipv6' | 'ip' | 'inet' | 'netmask', what: string, o: Opts = {}): ArgSpec => ({ type, what, ...o });
export const port = (what: string, o: Opts = {}): ArgSpec => ({ type: 'port', min: 1, max: 65535, what, ...o });
export const iface = (what: string, o: Opts = {}): ArgSpec => ({ type: 'interface', what, ...o });
export const path = (what: string, o: Opts = {}): ArgSpec => ({ type: 'path', what, ...o });
export const script = (what: string, o: Opts = {}): ArgSpec => ({ type: 'script', what, ...o });
export const hex = (what: string, o: Opts = {}): ArgSpec => ({ type: 'hex', what, ...o });
export const str = (what: string, o: Opts = {}): ArgSpec => ({ type: 'string', what, ...o });

export const UINT_MAX = 4294967295;
export const INT_MAX = 2147483647;
/** A timer read by read_timer: microseconds up to ULONG_MAX, written in seconds. */
export const TIMER_MAX = 18446744073709.551614;
/** UINT_MAX microseconds, in seconds. */
export const TIMER_UINT = 4294.967295;
