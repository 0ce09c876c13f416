/**
 * The reader's text in this browser's local storage, so a reload never loses it. A link's config
 * never overwrites it silently: the text it replaces is kept aside until the reader chooses.
 */
const KEY = 'lvs-lab.playground.v1';
const ASIDE = 'lvs-lab.playground.aside.v1';

export function loadText(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Saves; returns why it could not (storage off, or the text too large for it). */
export function saveText(text: string): string | undefined {
  try {
    localStorage.setItem(KEY, text);
    return undefined;
  } catch (e) {
    return (e as DOMException)?.name === 'QuotaExceededError' ? 'too large for local storage' : 'local storage is off';
  }
}

export function setAside(text: string): void {
  try {
    localStorage.setItem(ASIDE, text);
  } catch {
    /* best effort: the text is also still on screen until the reader edits */
  }
}

export function takeAside(): string | undefined {
  try {
    const t = localStorage.getItem(ASIDE) ?? undefined;
    localStorage.removeItem(ASIDE);
    return t;
  } catch {
    return undefined;
  }
}
