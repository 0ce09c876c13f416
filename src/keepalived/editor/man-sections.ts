/**
 * Where keepalived.conf(5) (keepalived 2.2.7, Debian's man page) documents a keyword: the section of
 * the page its top-level block belongs to. The names are the page's own .SH headings; the conformance
 * suite checks each against the installed page.
 */
const BY_BLOCK: Record<string, string> = {
  global_defs: 'Global definitions',
  linkbeat_interfaces: 'Linkbeat interfaces',
  track_group: 'Static track groups',
  static_ipaddress: 'Static routes/addresses/rules',
  static_routes: 'Static routes/addresses/rules',
  static_rules: 'Static routes/addresses/rules',
  vrrp_track_file: 'Track files',
  track_file: 'Track files',
  vrrp_track_process: 'VRRP track processes',
  bfd_instance: 'BFD CONFIGURATION',
  vrrp_script: 'VRRP script(s)',
  vrrp_sync_group: 'VRRP synchronization group(s)',
  garp_group: 'VRRP gratuitous ARP and unsolicited neighbour advert delay group(s)',
  vrrp_instance: 'VRRP instance(s)',
  virtual_server_group: 'Virtual server group(s)',
  virtual_server: 'Virtual server(s)',
  include: 'CONFIGURATION PARSER',
};

export const MAN_SECTIONS: readonly string[] = [...new Set(Object.values(BY_BLOCK)), 'ADVANCED CONFIGURATION'];

/** The man page section for a keyword at `path` (its enclosing blocks), if the page has one for it. */
export function manSection(path: readonly string[], keyword: string): string | undefined {
  const top = path[0] ?? keyword;
  if (/^[@$~]/.test(top)) return 'ADVANCED CONFIGURATION';
  return BY_BLOCK[top];
}
