/**
 * "Run it": hands the playground's config to the labs placed under it — the election lab (this
 * router, and a generated peer as router 2) and the health-check panel (its virtual servers, real
 * servers, checks and client traffic). The labs read configs through the same validator as always;
 * a lab not yet started takes them when it starts (data-autoload).
 */
import { peerConfig } from '../../keepalived/editor/peer';
import { parseConfig } from '../../keepalived';

function hand(lab: HTMLElement | null, fill: (lab: HTMLElement) => void): boolean {
  if (!lab) return false;
  fill(lab);
  if (lab.dataset.ready === 'true') lab.querySelector<HTMLButtonElement>('[data-role="load"]')?.click();
  else lab.dataset.autoload = 'true';
  return true;
}

/** Returns false when the config has nothing to run. */
export async function runInLabs(text: string): Promise<boolean> {
  const { model } = parseConfig(text);
  if (!model.instances.length && !model.virtualServers.length) return false;
  const election = document.querySelector<HTMLElement>('[data-election-lab]');
  const health = document.querySelector<HTMLElement>('[data-health-panel]');
  if (model.instances.length) {
    hand(election, (lab) => {
      const areas = lab.querySelectorAll<HTMLTextAreaElement>('textarea[data-config]');
      areas.forEach((a, i) => (a.value = i === 0 ? text : i === 1 ? peerConfig(text) : ''));
      lab.querySelector('details')?.setAttribute('open', '');
    });
  }
  if (model.virtualServers.length) {
    hand(health, (lab) => {
      lab.querySelector<HTMLTextAreaElement>('[data-role="config"]')!.value = text;
      lab.querySelector<HTMLInputElement>('[data-role="vs-index"]')!.value = '0';
    });
  }
  (model.instances.length ? election : health)?.scrollIntoView({ block: 'start' });
  return true;
}
