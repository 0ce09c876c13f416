/**
 * Binds a Player.astro control bar to a run. The view that owns the animation supplies the frames
 * (how many, what each says) and a render callback; the player owns time: buttons, keys, playback,
 * the shared link and the spoken description. It never computes what happens in a frame.
 */
import {
  atEnd, frameDelay, initialState, nearestSpeed, reset, seek, stepBy, tick, togglePlay,
  type PlayerState,
} from './state';
import { linksTo, readMoment, writeMoment, type LabState, type Moment } from './url';
import { mountEvents } from './events';
import { bringIntoView } from '../keep-in-view';

export interface PlayerSource {
  /** Number of frames (frame 0 is the start, before any event). */
  count: number;
  /** Words for frame i, shown as the caption and announced to screen readers. */
  caption(index: number): string;
  /** Where each frame sits on the timeline, 0..1 (defaults to evenly spaced). */
  position?(index: number): number;
}

export interface FrameChange {
  index: number;
  previous: number;
  /** True when the view should jump rather than tween (reduced motion, seeking, reset). */
  instant: boolean;
}

export interface PlayerHandle {
  readonly state: PlayerState;
  seek(index: number): void;
  /** Swap in a new run (another scenario, a changed setting), keeping the moment if it still exists. */
  load(source: PlayerSource, opts?: { scenario?: string; index?: number }): void;
  destroy(): void;
}

export interface MountOptions {
  source: PlayerSource;
  render(change: FrameChange): void;
  /** The current scenario name, stored in the shared link beside the frame. */
  scenario?: string;
  /**
   * Called once, before the first render, with the moment found in the URL. A view that offers
   * several scenarios, or settings (moment.x), applies them and returns the run they give.
   */
  onMoment?(moment: Moment): PlayerSource | void;
  /** The lab's settings for its link (all of them: a link reopens the lab as the reader left it). */
  state?(): LabState;
  /** The settings of a fresh lab, when it applied a link's before mounting (the link leaves out what equals them). */
  defaults?: LabState;
  /** Leave the URL alone (for players that are not meant to be linked). */
  noUrl?: boolean;
}

export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function mountPlayer(root: HTMLElement, opts: MountOptions): PlayerHandle {
  const id = root.dataset.player ?? 'player';
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const playBtn = q<HTMLButtonElement>('[data-act="play"]');
  const range = q<HTMLInputElement>('[data-act="timeline"]');
  const speedSel = q<HTMLSelectElement>('[data-act="speed"]');
  const caption = q<HTMLElement>('[data-role="caption"]');
  const live = q<HTMLElement>('[data-role="live"]');
  const counter = q<HTMLElement>('[data-role="counter"]');
  const share = q<HTMLAnchorElement>('[data-role="share"]');
  const marks = q<HTMLElement>('.lab-player__marks');
  const help = root.querySelector<HTMLDialogElement>('[data-role="help"]');
  // The lab this player belongs to: its outermost element inside the chapter's prose. `?` anywhere
  // in it opens the keyboard help, not only on the control bar.
  let lab: HTMLElement = root;
  while (lab.parentElement && !lab.parentElement.matches('.sl-markdown-content, main, body')) lab = lab.parentElement;
  const str = (k: string) => root.dataset[k] ?? '';

  let source = opts.source;
  let scenario = opts.scenario;
  // What the lab is before any link or change: the link leaves out whatever still equals it.
  const pristine = JSON.stringify(opts.defaults ?? opts.state?.() ?? {});
  const linkedHere = !opts.noUrl && linksTo(location.hash, id);
  const moment = opts.noUrl ? {} : readMoment(location.hash, id);
  const linked = opts.onMoment?.(moment);
  if (linked) {
    source = linked;
    scenario = moment.s ?? scenario;
  }
  let state = initialState(source.count, moment.t ?? 0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let visible = true;

  function drawMarks() {
    marks.replaceChildren();
    const pos = source.position ?? ((i: number) => (source.count > 1 ? i / (source.count - 1) : 0));
    for (let i = 1; i < source.count; i++) {
      const m = document.createElement('span');
      m.style.left = `calc(${(pos(i) * 100).toFixed(3)}% - 1px)`;
      marks.append(m);
    }
    range.max = String(Math.max(0, source.count - 1));
  }

  function show(previous: number, instant: boolean) {
    const i = state.index;
    range.value = String(i);
    const stepText = str('strStep').replace('{i}', String(i)).replace('{n}', String(source.count - 1));
    range.setAttribute('aria-valuetext', stepText);
    counter.textContent = `${i} / ${source.count - 1}`;
    const words = i === 0 ? str('strStart') || source.caption(0) : source.caption(i);
    caption.textContent = words;
    live.textContent = `${stepText}. ${words}`;
    if (state.playing) root.setAttribute('data-playing', '');
    else root.removeAttribute('data-playing');
    playBtn.setAttribute('aria-pressed', String(state.playing));
    playBtn.setAttribute('aria-label', state.playing ? str('strPause') : str('strPlay'));
    playBtn.title = playBtn.getAttribute('aria-label')!;
    if (!opts.noUrl) {
      const x = opts.state?.();
      const changed = x && JSON.stringify(x) !== pristine ? x : undefined;
      // A fresh lab at its start leaves no key; anything else names its scenario too, so the link stands alone.
      const named = scenario && (scenario !== opts.scenario || i > 0 || changed);
      const mine = { t: i, ...(named ? { s: scenario } : {}), ...(changed ? { x: changed } : {}) };
      const hash = writeMoment(location.hash, id, mine);
      history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
      // The link names this lab only, so it opens scrolled to it.
      share.href = `${location.pathname}${location.search}${writeMoment('', id, mine) || `#${id}.v=1`}`;
    }
    root.dataset.index = String(i);
    events?.mark(i);
    opts.render({ index: i, previous, instant: instant || reducedMotion() });
  }

  function set(next: PlayerState, instant: boolean) {
    const previous = state.index;
    state = next;
    show(previous, instant);
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    timer = undefined;
    if (!state.playing || !visible || document.hidden) return;
    timer = setTimeout(() => set(tick(state), false), frameDelay(state.speed));
  }

  const onClick = (e: Event) => {
    const act = (e.target as Element).closest<HTMLElement>('[data-act]')?.dataset.act;
    if (act === 'reset') set(reset(state), true);
    else if (act === 'back') set(stepBy(state, -1), false);
    else if (act === 'forward') set(stepBy(state, +1), false);
    else if (act === 'play') set(togglePlay(state), atEnd(state));
    else if (act === 'help') openHelp();
  };
  function openHelp() {
    if (help && !help.open) help.showModal();
  }
  const onHelpKey = (e: KeyboardEvent) => {
    if (e.key !== '?' || e.defaultPrevented) return;
    if ((e.target as HTMLElement).matches('select, input:not([type="range"]), textarea, [contenteditable]')) return;
    e.preventDefault();
    openHelp();
  };
  const onShare = (e: Event) => {
    e.preventDefault();
    void navigator.clipboard?.writeText(share.href).then(
      () => (live.textContent = str('strCopied')),
      () => undefined,
    );
  };
  const onRange = () => set({ ...seek(state, Number(range.value)), playing: false }, true);
  const onSpeed = () => {
    state = { ...state, speed: nearestSpeed(Number(speedSel.value)) };
    schedule();
  };
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // Let form controls keep their own keys (the range slider's arrows, the select's).
    if (target.matches('select, input:not([type="range"]), textarea') || help?.contains(target)) return;
    if (target === range && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return;
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (target.matches('button, a')) return; // the button's own click handles it
      set(togglePlay(state), atEnd(state));
    } else if (e.key === 'ArrowRight') set(stepBy(state, +1), false);
    else if (e.key === 'ArrowLeft') set(stepBy(state, -1), false);
    else if (e.key === 'Home') set(reset(state), true);
    else if (e.key === 'End') set({ ...seek(state, source.count - 1), playing: false }, true);
    else return;
    e.preventDefault();
  };
  const onVisibility = () => schedule();

  root.addEventListener('click', onClick);
  share.addEventListener('click', onShare);
  range.addEventListener('input', onRange);
  speedSel.addEventListener('change', onSpeed);
  root.addEventListener('keydown', onKey);
  lab.addEventListener('keydown', onHelpKey);
  document.addEventListener('visibilitychange', onVisibility);
  // Playback pauses while the player is scrolled out of view, and resumes when it returns.
  const io = new IntersectionObserver((entries) => {
    visible = entries.some((en) => en.isIntersecting);
    schedule();
  });
  io.observe(root);

  const events = mountEvents(root, () => source, () => state.index, (index) => set({ ...seek(state, index), playing: false }, true));
  drawMarks();
  show(0, true);
  // Opened from a link to this lab: bring it into view (the page may have loaded it out of sight).
  if (linkedHere) requestAnimationFrame(() => bringIntoView(lab));

  return {
    get state() {
      return state;
    },
    seek: (index) => set({ ...seek(state, index), playing: false }, true),
    load(next, o = {}) {
      source = next;
      scenario = o.scenario ?? scenario;
      const previous = state.index;
      state = { ...state, count: next.count, playing: false, index: 0 };
      state = seek(state, o.index ?? previous);
      drawMarks();
      events?.refresh();
      show(previous, true);
      schedule();
    },
    destroy() {
      clearTimeout(timer);
      io.disconnect();
      root.removeEventListener('click', onClick);
      share.removeEventListener('click', onShare);
      range.removeEventListener('input', onRange);
      speedSel.removeEventListener('change', onSpeed);
      root.removeEventListener('keydown', onKey);
      lab.removeEventListener('keydown', onHelpKey);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
