import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { complete, commonPrefix } from './complete';

describe('a console session', () => {
  it('runs commands, collects a here-document as stdin, and keeps the steps a link replays', () => {
    const s = new Session();
    expect(s.enter('ipvsadm -A -t 10.0.0.1:80 -s rr')).toMatchObject({ kind: 'command', result: { exit: 0 } });
    expect(s.enter('ipvsadm -R <<END')).toEqual({ kind: 'more', line: 'ipvsadm -R <<END' });
    expect(s.continuing).toBe(true);
    s.enter('-A -t 10.0.0.2:80 -s wlc');
    const done = s.enter('END');
    expect(done).toMatchObject({ kind: 'command', line: 'ipvsadm -R <<END', stdin: '-A -t 10.0.0.2:80 -s wlc\n', result: { exit: 0 } });
    expect(s.enter('ipvsadm -Sn')).toMatchObject({ result: { stdout: '-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.2:80 -s wlc\n' } });
    expect(s.steps.map((x) => x.line)).toEqual(['ipvsadm -A -t 10.0.0.1:80 -s rr', 'ipvsadm -R <<END', 'ipvsadm -Sn']);
    expect(s.enter('help')).toEqual({ kind: 'help' });
    expect(s.enter('clear')).toEqual({ kind: 'clear' });
    expect(s.enter('rm -rf /')).toMatchObject({ result: { stderr: 'rm: command not found\n', exit: 127 } });
  });
});

describe('tab completion', () => {
  const s = new Session();
  s.enter('ipvsadm -A -t 10.0.0.1:80 -s rr');
  s.enter('ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.7:80 -m');
  it('completes the command word, options, schedulers, services, real servers and sysctl names', () => {
    expect(complete(s.director, 'ipv').candidates).toEqual(['ipvsadm', 'ipvsadm-restore', 'ipvsadm-save']);
    expect(commonPrefix(complete(s.director, 'ipvsadm-r').candidates)).toBe('ipvsadm-restore');
    expect(complete(s.director, 'ipvsadm --per').candidates).toEqual(['--persistent', '--persistent-conn']);
    expect(complete(s.director, 'ipvsadm -A -t 10.0.0.1:81 -s w').candidates).toEqual(['wlc', 'wrr']);
    expect(complete(s.director, 'ipvsadm -L -t 10').candidates).toEqual(['10.0.0.1:80']);
    expect(complete(s.director, 'ipvsadm -d -t 10.0.0.1:80 -r ').candidates).toEqual(['10.0.1.7:80']);
    expect(complete(s.director, 'sysctl -w net.ipv4.vs.expire_n').candidates).toEqual(['net.ipv4.vs.expire_nodest_conn=']);
    expect(complete(s.director, 'sysctl net.ipv4.vs.sloppy').candidates).toEqual(['net.ipv4.vs.sloppy_sctp', 'net.ipv4.vs.sloppy_tcp']);
  });
});
