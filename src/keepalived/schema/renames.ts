/**
 * Keywords that old configs, tutorials and the study notes still use, with what keepalived 2.2.7
 * says instead. Used to turn "Unknown keyword" into advice.
 */
export const RENAMED: Record<string, { now: string; why: { en: string; zh: string } }> = {
  nb_get_retry: {
    now: 'retry',
    why: { en: "keepalived 2.x calls it 'retry' (nb_get_retry survives only in HTTP_GET/SSL_GET, deprecated)", zh: "keepalived 2.x 改名为 'retry'（nb_get_retry 只在 HTTP_GET/SSL_GET 中作为已弃用的写法保留）" },
  },
  lvs_sync_daemon_inteface: {
    now: 'lvs_sync_daemon',
    why: { en: "a misspelling of lvs_sync_daemon_interface, which keepalived 2.x replaced by 'lvs_sync_daemon INTERFACE VRRP_INSTANCE' in global_defs", zh: "这是 lvs_sync_daemon_interface 的拼写错误；keepalived 2.x 已改为在 global_defs 中写 'lvs_sync_daemon 接口 VRRP实例'" },
  },
  lvs_sync_daemon_interface: {
    now: 'lvs_sync_daemon',
    why: { en: "keepalived 2.x replaced it by 'lvs_sync_daemon INTERFACE VRRP_INSTANCE' in global_defs", zh: "keepalived 2.x 已改为在 global_defs 中写 'lvs_sync_daemon 接口 VRRP实例'" },
  },
  nat_mask: {
    now: 'lb_kind NAT',
    why: { en: 'nat_mask was removed in keepalived 2.x; it has no effect', zh: 'nat_mask 在 keepalived 2.x 中已移除，没有作用' },
  },
};
