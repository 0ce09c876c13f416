/**
 * What each guided task asks for, read from the lab as it is drawn: the data attributes the islands
 * publish from the sim's frames (data-masters, data-takeovers, data-passed…) and the controls. A check
 * never computes behaviour; it only recognises the moment the reader was sent to find.
 */
type Check = (lab: HTMLElement) => boolean;

const data = (lab: HTMLElement, sel: string, key: string) => lab.querySelector<HTMLElement>(sel)?.dataset[key] ?? '';
const value = (lab: HTMLElement, sel: string) => lab.querySelector<HTMLInputElement | HTMLSelectElement>(sel)?.value ?? '';
/** The run has reached its outcome with this break chosen. */
const foundBreak = (name: string): Check => (lab) =>
  value(lab, '[data-role="break"]') === name && !!lab.querySelector('[data-lane="0"] [data-role="outcome"]:not([hidden])');

export const CHECKS: Record<string, Check> = {
  // Election lab.
  'vrrp-fast': (lab) => /(^| )stop:0\.\d+/.test(lab.dataset.takeovers ?? ''),
  'vrrp-slow': (lab) => /(^| )kill:([3-9]|\d{2,})/.test(lab.dataset.takeovers ?? ''),
  'vrrp-split': (lab) => (lab.dataset.masters ?? '').includes(','),
  // Packet player.
  'nat-dnat': (lab) => !!lab.querySelector('[data-lane="0"] [data-field="ip.dst"][data-changed]')
    && lab.querySelector('[data-lane="0"] .pp-inspector')?.contains(document.activeElement) === true,
  'nat-around': foundBreak('rs-gateway'),
  'dr-arp': foundBreak('arp'),
  'tun-mtu': foundBreak('mtu'),
  'fullnat-ports': foundBreak('port-pool'),
  // Hook explorer.
  'hooks-forward': (lab) => (lab.dataset.passed ?? '').split(' ').includes('FORWARD'),
  'hooks-ipvs-in': (lab) => lab.dataset.hook === 'LOCAL_IN' && value(lab, '[data-role="scenario"]').startsWith('lvs'),
  // Scheduler lab.
  'sched-quiet': (lab) => [...lab.querySelectorAll<HTMLElement>('[data-role="runs"] section')].some((s) => {
    const totals = (s.dataset.totals ?? '').split(',').map(Number);
    return totals.length > 1 && totals.includes(0) && totals.some((n) => n > 0);
  }),
  'sched-templates': (lab) => [...lab.querySelectorAll<HTMLElement>('[data-role="runs"] section')].some((s) => Number(s.dataset.templates) > 0),
  'sched-compare': (lab) => lab.querySelectorAll('[data-role="runs"] section').length === 2,
  // Health panel.
  'health-out': (lab) => !!lab.querySelector('[data-server][data-alive="false"][data-in-ipvs="false"]'),
  'health-sorry': (lab) => data(lab, '[data-role="sorry"]', 'sorryActive') === 'true',
  // L4 vs L7.
  'l4l7-copy': (lab) => Number(lab.dataset.nginxCopies) > 0,
  'l4l7-keepalive': (lab) => (lab.querySelector<HTMLInputElement>('[data-role="keepalive"]')?.checked ?? false) && Number(lab.dataset.index) > 0,
};
