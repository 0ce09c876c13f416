/** A director's IPVS table, ipvsadm's views of it, and the table keepalived builds from a config. */
export { listNumeric, saveNumeric, sorted, flagBit, HEADER, type IpvsService, type IpvsDest, type Forward, type Protocol, type ListView } from './table';
export { ipvsTableFromModel, type KeepalivedTable } from './from-keepalived';
