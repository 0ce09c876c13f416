import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../keepalived';
import { ipvsTableFromModel, listNumeric, saveNumeric } from './index';

const CONFIG = `
virtual_server 192.0.2.10 80 {
  lb_algo rr
  lb_kind NAT
  protocol TCP
  real_server 10.0.0.11 8080 {
    weight 3
  }
  real_server 10.0.0.12 8080 {
    uthreshold 100
    lthreshold 10
  }
}
virtual_server fwmark 7 {
  lb_algo sh
  sh-port
  sh-fallback
  lb_kind TUN
  real_server 198.51.100.11 {
    weight 5
  }
}
virtual_server 192.0.2.30 53 {
  lb_algo mh
  sh-port
  protocol UDP
  lb_kind DR
  ops
  persistence_timeout 50
  persistence_granularity 255.255.255.0
  real_server 192.0.2.31 53 {
  }
}
`;

// The layout of the real ipvsadm 1.31: test/kernel/keepalived-ipvs.test.ts holds every corpus config's
// table to the real one on each run (091-lvs-persistence-flags-ops.conf has flags, persistence, mask
// and ops on one service, fixing their order).
const REAL_LN = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  192.0.2.10:80 rr
  -> 10.0.0.11:8080               Masq    3      0          0         
  -> 10.0.0.12:8080               Masq    1      0          0         
UDP  192.0.2.30:53 mh (mh-port) persistent 50 mask 255.255.255.0 ops
  -> 192.0.2.31:53                Route   1      0          0         
FWM  7 sh (sh-fallback,sh-port)
  -> 198.51.100.11:0              Tunnel  5      0          0         
`;

describe('the IPVS table keepalived builds, as ipvsadm prints it', () => {
  const { services } = ipvsTableFromModel(parseConfig(CONFIG).model);

  it('lists services sorted (fwmark last), columns padded, flags named for the scheduler', () => {
    expect(listNumeric(services)).toBe(REAL_LN);
  });

  it('shows thresholds and saves rules', () => {
    expect(listNumeric(services, 'thresholds')).toContain('  -> 10.0.0.12:8080               100        10         0          0         \n');
    expect(saveNumeric(services).split('\n')).toEqual([
      '-A -t 192.0.2.10:80 -s rr',
      '-a -t 192.0.2.10:80 -r 10.0.0.11:8080 -m -w 3',
      '-a -t 192.0.2.10:80 -r 10.0.0.12:8080 -m -w 1',
      '-A -u 192.0.2.30:53 -s mh -p 50 -M 255.255.255.0 -o -b mh-port',
      '-a -u 192.0.2.30:53 -r 192.0.2.31:53 -g -w 1',
      '-A -f 7 -s sh -b sh-fallback,sh-port',
      '-a -f 7 -r 198.51.100.11:0 -i -w 5 --tun-type ipip',
      '',
    ]);
  });

  it('serves from the sorry server alone when the weights miss the quorum, and expands groups', () => {
    const t = ipvsTableFromModel(parseConfig(`virtual_server_group G {\n 192.0.2.1-3 80\n fwmark 9\n}\nvirtual_server group G {\n lb_algo rr\n protocol TCP\n sorry_server 10.9.9.9 8080\n real_server 10.0.0.1 80 {\n  weight 0\n }\n}\n`).model);
    expect(t.services.map((s) => (s.fwmark ? `FWM ${s.fwmark}` : `${s.addr}:${s.port}`))).toEqual(['192.0.2.1:80', '192.0.2.2:80', '192.0.2.3:80', 'FWM 9']);
    expect(t.services[0]!.dests.map((d) => `${d.addr}:${d.port}`)).toEqual(['10.9.9.9:8080']);
  });
});
