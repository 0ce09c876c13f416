/**
 * The vocabulary of the packet engine: nodes, frames as a network engineer reads them
 * (Ethernet, IP, TCP, the IP-in-IP outer header, FULLNAT's TOA option, ARP), the IPVS
 * connection table and the run's outcome.
 */
import type { Text } from '../core';

export type Mode = 'nat' | 'fullnat' | 'dr' | 'tun';
export const MODES: readonly Mode[] = ['nat', 'fullnat', 'dr', 'tun'];

export type NodeId = 'client' | 'router' | 'director' | 'rs1' | 'rs2';

export type BreakName = 'arp' | 'rs-gateway' | 'l2' | 'tunl0' | 'rp-filter' | 'mtu' | 'port-pool';

export interface Eth {
  src: string;
  dst: string;
}

export interface IpHeader {
  src: string;
  dst: string;
  /** 6 = TCP, 4 = IP-in-IP. */
  proto: number;
  ttl: number;
  /** Total length in bytes (header + payload). */
  len: number;
  /** Don't Fragment. */
  df: boolean;
}

export interface TcpHeader {
  sport: number;
  dport: number;
  /** Flags as tcpdump prints them, in a fixed order: SYN, ACK, PSH, FIN, RST joined by ','. */
  flags: string;
  seq: number;
  ack: number;
  /** Payload bytes. */
  payload: number;
  /**
   * The TCP timestamps option: present unless `false`. Linux sends it by default; FULLNAT overwrites it
   * with NOPs in the SYN, so neither end uses timestamps on that connection afterwards.
   */
  ts?: false;
}

/** FULLNAT's client-address option (TCP option kind 254, 8 bytes): what the real server's TOA module reads. */
export interface Toa {
  addr: string;
  port: number;
}

/** One IPv4 packet as it is on one wire. */
export interface Packet {
  ip: IpHeader;
  l4: TcpHeader;
  /** The outer header that VS/TUN wraps around the original packet (protocol 4, IP-in-IP). */
  outer?: IpHeader;
  toa?: Toa;
}

export type Direction = 'request' | 'reply';

/** A packet crossing one link: the frame on the wire between two nodes. */
export interface Hop {
  /** Which TCP segment of the connection this is, from 1 (the SYN). */
  segment: number;
  from: NodeId;
  to: NodeId;
  /** The L2 segment (broadcast domain) the frame is on. */
  link: string;
  direction: Direction;
  eth: Eth;
  packet: Packet;
  /** Fields that differ from the same segment's previous hop: `eth.src`, `ip.dst`, `l4.sport`, `outer`, `toa`… */
  changed: string[];
}

export interface ArpFrame {
  op: 'request' | 'reply';
  from: NodeId;
  /** `broadcast` for requests. */
  to: NodeId | 'broadcast';
  link: string;
  senderIp: string;
  senderMac: string;
  targetIp: string;
  targetMac?: string;
}

export type ConnState = 'SYN_RECV' | 'ESTABLISHED';

/** One entry of the director's IPVS connection table, as `ipvsadm -Lnc` shows it. */
export interface ConnEntry {
  proto: 'TCP';
  state: ConnState;
  /** Seconds until the entry expires (the state's timeout). */
  expire: number;
  client: string;
  virtual: string;
  /** FULLNAT: the director's local address and port that stand in for the client. */
  local?: string;
  real: string;
  /** ipvsadm's names: Masq, FullNat, Route, Tunnel. */
  forward: string;
}

export interface PoolUsage {
  addr: string;
  /** Ports in use toward the chosen real server's address and port. */
  used: number;
  capacity: number;
}

export interface Outcome {
  delivered: boolean;
  dropReason?: Text;
  /** Where the run went wrong without a drop (traffic bypassing the director). */
  warning?: Text;
  droppedAt?: NodeId;
}

/** The world after one event: what the player draws. */
export interface PacketState {
  hop?: Hop;
  arp?: ArpFrame;
  conns: ConnEntry[];
  pool?: PoolUsage[];
  /** The packet that was just dropped, and where. */
  drop?: { at: NodeId; reason: Text };
  outcome?: Outcome;
}
