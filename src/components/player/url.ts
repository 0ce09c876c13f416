/**
 * A moment in a shared link, and the whole state of the lab at that moment. Each player owns keys
 * prefixed with its id in the URL hash — `#sched.v=1&sched.t=40&sched.s=wlc&sched.x=eyJ3Ijpb…` — so
 * several labs on one page keep their own. The hash (not the query) keeps the static site cacheable
 * and nothing is sent to a server.
 *
 * Format, version 1 (`v`): `t` the frame, `s` the scenario name, `x` the lab's settings as JSON in
 * base64url. Links without `v` (made before versions) carry only `t` and `s` and still open. A link
 * from a newer version keeps its frame and scenario; settings this version cannot read are ignored.
 */
import { decodePlain, encodePlain } from '../playground/share';

/** A lab's settings past this many characters stay out of its link (they would make it unusable). */
const MAX_X = 16_000;
const encodeX = (json: string) => {
  const x = encodePlain(json);
  return x.length <= MAX_X ? x : undefined;
};

export const LINK_VERSION = 1;

export type LabState = Record<string, unknown>;

export interface Moment {
  /** Frame index. */
  t?: number;
  /** Scenario name, when the view offers several. */
  s?: string;
  /** The lab's settings (what the reader changed), read back by the lab itself. */
  x?: LabState;
}

const ID = /^[A-Za-z][\w-]{0,40}$/;

export function readMoment(hash: string, id: string): Moment {
  if (!ID.test(id)) return {};
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return {};
  }
  const moment: Moment = {};
  const t = params.get(`${id}.t`);
  if (t !== null && /^\d{1,7}$/.test(t)) moment.t = Number(t);
  const s = params.get(`${id}.s`);
  if (s !== null && /^[\w+~-]{1,60}$/.test(s)) moment.s = s;
  const v = Number(params.get(`${id}.v`) ?? 0);
  const x = params.get(`${id}.x`);
  if (x !== null && v === LINK_VERSION) {
    const state = parseState(x.length <= MAX_X ? decodePlain(x) : undefined);
    if (state) moment.x = state;
  }
  return moment;
}

/** Settings as a plain object, or nothing: a link is input like any other. */
function parseState(text: string | undefined): LabState | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as LabState) : undefined;
  } catch {
    return undefined;
  }
}

export function writeMoment(hash: string, id: string, moment: Moment): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const k of ['v', 't', 's', 'x']) params.delete(`${id}.${k}`);
  const x = moment.x && Object.keys(moment.x).length ? encodeX(JSON.stringify(moment.x)) : undefined;
  if (moment.s !== undefined || x || (moment.t ?? 0) > 0) params.set(`${id}.v`, String(LINK_VERSION));
  if (moment.s !== undefined) params.set(`${id}.s`, moment.s);
  if (moment.t !== undefined && moment.t > 0) params.set(`${id}.t`, String(moment.t));
  if (x) params.set(`${id}.x`, x);
  const text = params.toString();
  return text ? `#${text}` : '';
}

export { linksTo } from './link-target';
