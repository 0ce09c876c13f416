import { describe, expect, it } from 'vitest';
import { differs } from './real-mode';

const lnc = (rows: string[]) => `IPVS connection entries\npro expire state       source             virtual            destination\n${rows.join('\n')}\n`;

describe('where the console says the simulation and the real kernel differ', () => {
  it('not on what wall time and the kernel choose: a curl\'s client port, countdowns run down, hash order', () => {
    const sim = lnc(['TCP 01:59  TIME_WAIT   203.0.113.1:32768  192.0.2.10:80      10.0.0.11:80', 'TCP 14:59  ESTABLISHED 203.0.113.1:40000  192.0.2.10:80      10.0.0.12:80']);
    const real = lnc(['TCP 14:50  ESTABLISHED 203.0.113.1:40000  192.0.2.10:80      10.0.0.12:80', 'TCP 01:50  TIME_WAIT   203.0.113.1:51234  192.0.2.10:80      10.0.0.11:80']);
    expect(differs({ out: sim, status: 0 }, { out: real, status: 0 }, 12)).toBe(false);
  });
  it('on a server, a state, a port connect chose, an exit status or a line of text', () => {
    const sim = lnc(['TCP 14:59  ESTABLISHED 203.0.113.1:40000  192.0.2.10:80      10.0.0.12:80']);
    expect(differs({ out: sim, status: 0 }, { out: sim.replace('10.0.0.12:80', '10.0.0.11:80'), status: 0 }, 1)).toBe(true);
    expect(differs({ out: sim, status: 0 }, { out: sim.replace('ESTABLISHED', 'SYN_RECV   '), status: 0 }, 1)).toBe(true);
    expect(differs({ out: sim, status: 0 }, { out: sim.replace(':40000', ':40001'), status: 0 }, 1)).toBe(true);
    expect(differs({ out: 'No such service\n', status: 255 }, { out: 'No such service\n', status: 2 }, 1)).toBe(true);
    expect(differs({ out: 'Hello from 10.0.0.11:80\n', status: 0 }, { out: 'Hello from 10.0.0.12:80\n', status: 0 }, 1)).toBe(true);
  });
  it('not when a countdown is lower by no more than the real director\'s age, but when by more', () => {
    const row = (t: string) => lnc([`TCP ${t}  ESTABLISHED 203.0.113.1:40000  192.0.2.10:80      10.0.0.12:80`]);
    expect(differs({ out: row('14:59'), status: 0 }, { out: row('14:00'), status: 0 }, 60)).toBe(false);
    expect(differs({ out: row('14:59'), status: 0 }, { out: row('14:00'), status: 0 }, 10)).toBe(true);
  });
});
