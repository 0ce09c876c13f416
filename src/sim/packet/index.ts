/** The packet engine: one TCP connection through an LVS director in NAT, FULLNAT, DR or TUN mode. */
export * from './types';
export { BREAKS, breakNamed, breaksFor, type BreakSpec } from './breaks';
export { runJourney, validateBreaks, type Journey, type JourneyOptions } from './journey';
export { journeyJson, type JourneyJson } from './json';
export { topology, ADDR, MAC, type Topology, type NodeSpec } from './topology';
export { LocalAddressPool } from './local-pool';
export { traffic, type Flight, type Traffic } from './traffic';
