/**
 * What a keepalived.conf means: the typed description the simulations take as input.
 * Times are in seconds, as in the config. Every item keeps the line it came from, so a view can
 * point back at the config.
 */
export interface VrrpScript {
  name: string;
  script?: string;
  interval: number;
  timeout?: number;
  weight: number;
  rise: number;
  fall: number;
  line: number;
}

export interface TrackedScript {
  name: string;
  /** Overrides the script's own weight when given. */
  weight?: number;
}

export interface TrackedInterface {
  name: string;
  weight?: number;
}

export interface VrrpInstance {
  name: string;
  line: number;
  /** The state written in the config; keepalived starts every instance as BACKUP unless it owns the addresses. */
  state: 'MASTER' | 'BACKUP';
  interface?: string;
  virtualRouterId?: number;
  /** 1–255; 255 means the address owner. Default 100. */
  priority: number;
  /** Seconds between adverts. Default 1. */
  advertInt: number;
  /** VRRP version: keepalived's default is 2 (global vrrp_version). */
  version: 2 | 3;
  /** Preemption: true unless nopreempt. */
  preempt: boolean;
  /** Seconds a higher-priority backup waits before preempting. */
  preemptDelay: number;
  auth?: { type: 'PASS' | 'AH'; pass?: string };
  virtualIps: Array<{ address: string; prefix?: number; dev?: string; line: number }>;
  unicastPeers: string[];
  unicastSrcIp?: string;
  trackScripts: TrackedScript[];
  trackInterfaces: TrackedInterface[];
  syncGroup?: string;
  garpMasterDelay: number;
}

export interface VrrpSyncGroup {
  name: string;
  members: string[];
  line: number;
}

export type CheckerKind = 'TCP_CHECK' | 'HTTP_GET' | 'SSL_GET' | 'MISC_CHECK' | 'SMTP_CHECK' | 'DNS_CHECK' | 'UDP_CHECK' | 'PING_CHECK' | 'FILE_CHECK' | 'BFD_CHECK';

export interface Checker {
  kind: CheckerKind;
  line: number;
  /** Seconds; inherits the real server's or virtual server's when not set. */
  connectTimeout: number;
  retry: number;
  delayBeforeRetry: number;
  delayLoop: number;
  connectPort?: number;
  /** HTTP_GET/SSL_GET: the paths and the status codes expected. */
  urls: Array<{ path: string; statusCode?: number; digest?: string }>;
  /** MISC_CHECK */
  miscPath?: string;
}

export interface RealServer {
  address: string;
  port?: number;
  weight: number;
  /** uthreshold and lthreshold: the connection counts at which IPVS flags the server overloaded and clears it (0: none). */
  uThreshold?: number;
  lThreshold?: number;
  inhibitOnFailure: boolean;
  checkers: Checker[];
  line: number;
}

export type LbKind = 'NAT' | 'DR' | 'TUN';
export type Scheduler = 'rr' | 'wrr' | 'lc' | 'wlc' | 'lblc' | 'lblcr' | 'dh' | 'sh' | 'sed' | 'nq' | 'mh' | 'fo' | 'ovf' | 'twos';

export interface VirtualServer {
  /** `192.0.2.1 80`, `fwmark 1` or `group NAME`. */
  kind: 'address' | 'fwmark' | 'group';
  address?: string;
  port?: number;
  fwmark?: number;
  group?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** keepalived's default is wlc. */
  scheduler: Scheduler;
  /** keepalived's default is NAT. */
  lbKind: LbKind;
  persistenceTimeout?: number;
  persistenceGranularity?: string;
  delayLoop: number;
  sorryServer?: { address: string; port?: number };
  realServers: RealServer[];
  schedulerFlags: string[];
  line: number;
}

export interface KeepalivedModel {
  routerId?: string;
  vrrpStrict: boolean;
  scripts: VrrpScript[];
  instances: VrrpInstance[];
  syncGroups: VrrpSyncGroup[];
  virtualServers: VirtualServer[];
  /** virtual_server_group blocks: the addresses (or marks) a `virtual_server group NAME` serves. */
  virtualServerGroups: VirtualServerGroup[];
}

export interface VirtualServerGroup {
  name: string;
  /** `IP PORT`, `IP-LAST PORT` (a range of the last octet) or `fwmark N`. */
  entries: Array<{ address: string; lastOctet?: number; port?: number } | { fwmark: number }>;
  line: number;
}
