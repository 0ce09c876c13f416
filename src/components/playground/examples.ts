/**
 * The playground's examples. Each (but the notes' config and the broken one) is accepted by
 * keepalived -t 2.2.7 (test/conformance/keepalived-t.test.ts), builds its IPVS table under real
 * keepalived and elects a master when its downloaded lab runs on a real kernel (test/kernel/lab-script.test.ts).
 */
export interface Example {
  id: string;
  en: string;
  zh: string;
  /** What keepalived -t says of it. */
  valid: boolean;
  text: string;
}

const NOTES = `! Configuration File for keepalived

global_defs {
   notification_email {
     acassen@firewall.loc
   }
   notification_email_from Alexandre.Cassen@firewall.loc
   smtp_server 192.168.200.1
   smtp_connect_timeout 30
   router_id LVS_DEVEL
   vrrp_skip_check_adv_addr
   vrrp_strict
   vrrp_garp_interval 0
   vrrp_gna_interval 0
}

vrrp_instance VI_1 {
    state MASTER
    interface eth0
    lvs_sync_daemon_inteface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        192.168.200.100
    }
}

virtual_server 192.168.200.100 443 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    persistence_timeout 50
    protocol TCP

    real_server 192.168.201.100 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 3
            nb_get_retry 3
            delay_before_retry 3
            connect_port 80
        }
    }
}
`;

const DR_PAIR = `! LVS-DR: this director and its peer share VIP 192.168.200.100; the real servers answer clients directly.
global_defs {
    router_id LB1
}

vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass s3cret
    }
    virtual_ipaddress {
        192.168.200.100/24
    }
}

virtual_server 192.168.200.100 80 {
    delay_loop 3
    lb_algo wrr
    lb_kind DR
    protocol TCP

    real_server 192.168.200.11 80 {
        weight 3
        TCP_CHECK {
            connect_timeout 2
            retry 2
            delay_before_retry 1
        }
    }
    real_server 192.168.200.12 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 2
            retry 2
            delay_before_retry 1
        }
    }
}
`;

const NAT_PAIR = `! LVS-NAT: clients reach VIP 192.168.200.100; real servers sit on 10.0.0.0/24 behind the director,
! whose inside address 10.0.0.1 moves with the VIP so replies always return through the master.
global_defs {
    router_id LB1
}

vrrp_sync_group NAT_GW {
    group {
        VI_OUT
        VI_IN
    }
}

vrrp_instance VI_OUT {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.168.200.100/24
    }
}

vrrp_instance VI_IN {
    state MASTER
    interface eth1
    virtual_router_id 52
    priority 150
    advert_int 1
    virtual_ipaddress {
        10.0.0.1/24
    }
}

virtual_server 192.168.200.100 80 {
    delay_loop 3
    lb_algo rr
    lb_kind NAT
    protocol TCP

    real_server 10.0.0.11 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 2
        }
    }
    real_server 10.0.0.12 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 2
        }
    }
}
`;

const SYNC_GROUP = `! Two instances that must fail over together: the public VIP and the database VIP.
vrrp_sync_group VG_1 {
    group {
        VI_WEB
        VI_DB
    }
}

vrrp_instance VI_WEB {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority 120
    advert_int 1
    virtual_ipaddress {
        192.168.200.100/24
    }
}

vrrp_instance VI_DB {
    state BACKUP
    interface eth0
    virtual_router_id 62
    priority 120
    advert_int 1
    virtual_ipaddress {
        192.168.200.101/24
    }
}
`;

const UNICAST = `! Unicast VRRP: for networks that drop multicast (clouds). Each router names the other.
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 71
    priority 110
    advert_int 1
    unicast_src_ip 192.168.200.2
    unicast_peer {
        192.168.200.3
    }
    virtual_ipaddress {
        192.168.200.100/24
    }
}

virtual_server 192.168.200.100 443 {
    delay_loop 5
    lb_algo wlc
    lb_kind DR
    persistence_timeout 300
    protocol TCP

    real_server 192.168.200.11 443 {
        weight 1
        TCP_CHECK {
            connect_timeout 3
        }
    }
    real_server 192.168.200.12 443 {
        weight 1
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
`;

const HTTP_SORRY = `! HTTP health checks, a script check, and a sorry server for when every real server is down.
global_defs {
    router_id LB1
    enable_script_security
    script_user root
}

vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 81
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.168.200.100/24
    }
}

virtual_server 192.168.200.100 80 {
    delay_loop 5
    lb_algo wlc
    lb_kind NAT
    protocol TCP
    sorry_server 192.168.200.250 80

    real_server 192.168.200.11 80 {
        weight 2
        HTTP_GET {
            url {
                path /health
                status_code 200
            }
            connect_timeout 2
            retry 2
            delay_before_retry 1
        }
    }
    real_server 192.168.200.12 80 {
        weight 1
        MISC_CHECK {
            misc_path "/bin/true"
            misc_timeout 3
        }
    }
}
`;

const BROKEN = `! Deliberately broken: keepalived -t refuses it. The problems list says where, and why.
vrrp_instance VI_1 {
    state MASTR
    interface eth0
    virtual_router_id 300
    priority 100
    advert_intt 1
    virtual_ipaddress {
        192.168.200.100/24
    }
}

virtual_server 192.168.200.100 80 {
    lb_algo roundrobin
    lb_kind DR
    real_server 192.168.200.11 80 {
        weight -1
    }
`;

export const EXAMPLES: readonly Example[] = [
  { id: 'notes', en: 'The study notes\' config (with its mistakes)', zh: '学习笔记中的配置（含错误）', valid: false, text: NOTES },
  { id: 'dr', en: 'A DR pair', zh: 'DR 模式的一对调度器', valid: true, text: DR_PAIR },
  { id: 'nat', en: 'A NAT pair (inside gateway moves with the VIP)', zh: 'NAT 模式的一对调度器（内网网关随 VIP 迁移）', valid: true, text: NAT_PAIR },
  { id: 'sync', en: 'A sync group of two instances', zh: '两个实例的同步组', valid: true, text: SYNC_GROUP },
  { id: 'unicast', en: 'A unicast pair', zh: '单播 VRRP 的一对', valid: true, text: UNICAST },
  { id: 'http', en: 'HTTP_GET and MISC_CHECK with a sorry server', zh: 'HTTP_GET 与 MISC_CHECK，带 sorry server', valid: true, text: HTTP_SORRY },
  { id: 'broken', en: 'A deliberately broken config', zh: '一个故意写错的配置', valid: false, text: BROKEN },
];

export const exampleById = (id: string): Example | undefined => EXAMPLES.find((e) => e.id === id);
