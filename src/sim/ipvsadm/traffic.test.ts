import { describe, expect, it } from 'vitest';
import { Director, runLine } from './run';

const run = (d: Director, ...lines: string[]) => lines.map((l) => runLine(d, l));
const out = (d: Director, line: string) => runLine(d, line).stdout;
const conns = (d: Director) => out(d, 'ipvsadm -Lnc').split('\n').slice(2).filter(Boolean);

/** The console's traffic; the kernel suite (test/kernel/ipvsadm/33–37) compares the same commands with a real director. */
describe('client traffic on the simulated director', () => {
  const nat = () => {
    const d = new Director();
    run(d, 'ipvsadm -A -t 10.0.0.100:80 -s rr', 'ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.2 -m', 'ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.3 -m');
    return d;
  };

  it('answers curl from the real server rr picks, newest server first', () => {
    const d = nat();
    expect(out(d, 'curl http://10.0.0.100/')).toBe('Hello from 192.168.10.3:80\n');
    expect(out(d, 'curl 10.0.0.100:80')).toBe('Hello from 192.168.10.2:80\n');
    expect(conns(d).map((l) => l.split(/\s+/)[2])).toEqual(['TIME_WAIT', 'TIME_WAIT']);
  });

  it('holds connections active, closes them to TIME_WAIT (NAT) and lets them expire with sleep', () => {
    const d = nat();
    expect(out(d, 'connect -n 4 -c 2 10.0.0.100:80')).toBe('opened 4 connections\n');
    expect(out(d, 'ipvsadm -Ln')).toContain('192.168.10.2:80              Masq    1      2          0');
    expect(conns(d)[0]).toBe('TCP 14:59  ESTABLISHED 203.0.113.1:40000  10.0.0.100:80      192.168.10.3:80');
    expect(out(d, 'disconnect')).toBe('closed 4 connections\n');
    expect(out(d, 'ipvsadm -Ln')).toContain('192.168.10.2:80              Masq    1      0          2');
    run(d, 'sleep 119');
    expect(conns(d)[0]).toMatch(/^TCP 00:00  TIME_WAIT/);
    run(d, 'sleep 1');
    expect(conns(d)).toEqual([]);
    expect(out(d, 'ipvsadm -Ln')).toContain('192.168.10.2:80              Masq    1      0          0');
  });

  it('keeps DR connections in FIN_WAIT (the replies bypass the director) and counts only packets in', () => {
    const d = new Director();
    run(d, 'ipvsadm -A -t 10.0.0.100:80 -s rr', 'ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.2 -g', 'curl 10.0.0.100', 'sleep 2');
    expect(conns(d)[0]).toMatch(/^TCP 01:57  FIN_WAIT /);
    const stats = out(d, 'ipvsadm -Ln --stats').split('\n')[3]!.trim().split(/\s+/);
    // SYN, ACK, request, FIN: the server's segments go straight to the client.
    expect(stats.slice(2)).toEqual(['1', '4', '0', '290', '0']);
  });

  it('refuses what no server can take, in curl\'s words', () => {
    const d = new Director();
    run(d, 'ipvsadm -A -t 10.0.0.100:80 -s wlc', 'ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.2 -m -w 0');
    expect(runLine(d, 'curl -sS 10.0.0.100')).toEqual({ stdout: '', stderr: "curl: (7) Failed to connect to 10.0.0.100 port 80 after 0 ms: Couldn't connect to server\n", exit: 7 });
    expect(runLine(d, 'curl -s 10.0.0.100').stderr).toBe('');
    expect(out(d, 'connect -n 3 10.0.0.100:80')).toBe('opened 0 connections; 3 refused\n');
  });

  it('sends a client back through its template, until expire_quiescent_template invalidates it', () => {
    const d = nat();
    run(d, 'ipvsadm -E -t 10.0.0.100:80 -s rr -p 300', 'curl 10.0.0.100', 'ipvsadm -e -t 10.0.0.100:80 -r 192.168.10.3 -m -w 0');
    expect(out(d, 'curl 10.0.0.100')).toBe('Hello from 192.168.10.3:80\n');
    run(d, 'sysctl -w net.ipv4.vs.expire_quiescent_template=1');
    expect(out(d, 'curl 10.0.0.100')).toBe('Hello from 192.168.10.2:80\n');
    expect(conns(d)).toContainEqual(expect.stringMatching(/ASSURED     203\.0\.113\.1:0      10\.0\.0\.100:65535   192\.168\.10\.3:65535$/));
  });

  it('with expire_nodest_conn, a removed server\'s entries go with it', () => {
    const d = nat();
    run(d, 'connect -n 2 10.0.0.100:80', 'sysctl -w net.ipv4.vs.expire_nodest_conn=1', 'ipvsadm -d -t 10.0.0.100:80 -r 192.168.10.3');
    expect(conns(d).map((l) => l.split(/\s+/).at(-1))).toEqual(['192.168.10.2:80']);
  });

  // Each held connection: SYN 60 + ACK 52 bytes in, SYN-ACK 60 out. Rates after one run, worked by hand from
  // ip_vs_est.c: cps (8 << 9) / 4 = 1024 → 1, inpps 2048 → 2, outpps 1, inbps (896 << 4) / 4 = 3584 → 112, outbps 60.
  it("lets the estimator show counters and rates after it runs", () => {
    const d = nat();
    run(d, 'connect -n 8 10.0.0.100:80');
    expect(out(d, 'ipvsadm -Ln --stats')).toContain('TCP  10.0.0.100:80                       0');
    run(d, 'sleep 2');
    expect(out(d, 'ipvsadm -Ln --stats')).toContain('TCP  10.0.0.100:80                       8       16        8      896      480');
    expect(out(d, 'ipvsadm -Ln --rate')).toContain('TCP  10.0.0.100:80                       1        2        1      112       60');
  });

  it('says what is wrong with a traffic command', () => {
    const d = nat();
    expect(runLine(d, 'curl')).toMatchObject({ exit: 2, stderr: expect.stringContaining('no URL specified') });
    expect(runLine(d, 'curl --bogus 10.0.0.100')).toMatchObject({ exit: 2, stderr: expect.stringContaining('option --bogus: is unknown') });
    expect(runLine(d, 'curl ftp://10.0.0.100/')).toMatchObject({ exit: 1 });
    expect(runLine(d, 'curl www.example.com')).toMatchObject({ exit: 6 });
    expect(runLine(d, 'connect -n 0 10.0.0.100:80')).toMatchObject({ exit: 2, stderr: expect.stringContaining('-n takes a whole number from 1 to 1000') });
    expect(runLine(d, 'connect -c 21 10.0.0.100:80')).toMatchObject({ exit: 2 });
    expect(runLine(d, 'connect 10.0.0.100')).toMatchObject({ exit: 2, stderr: expect.stringContaining('is not VIP:PORT') });
    expect(runLine(d, 'sleep')).toMatchObject({ exit: 1, stderr: expect.stringContaining('missing operand') });
    expect(runLine(d, 'sleep soon')).toMatchObject({ exit: 1, stderr: "sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n" });
  });

  it('lets a year pass without hanging', () => {
    const d = nat();
    run(d, 'connect -n 50 -c 20 10.0.0.100:80');
    const t = Date.now();
    run(d, 'sleep 365d');
    expect(Date.now() - t).toBeLessThan(5000);
    expect(conns(d)).toEqual([]);
  });
});
