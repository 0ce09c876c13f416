/**
 * The panel's starting config, in the study notes' style: one VIP, two real servers (one checked by
 * TCP_CHECK, one by HTTP_GET), and a sorry server. The timings are the chapter's worked example.
 */
export const DEFAULT_CONFIG = `virtual_server 192.168.1.100 80 {
    delay_loop 6
    lb_algo rr
    lb_kind DR
    protocol TCP
    sorry_server 192.168.1.99 80

    real_server 192.168.1.11 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 3
            retry 2
            delay_before_retry 3
        }
    }
    real_server 192.168.1.12 80 {
        weight 1
        HTTP_GET {
            url {
                path /health
                status_code 200
            }
            connect_timeout 3
            retry 2
            delay_before_retry 3
        }
    }
}
`;
