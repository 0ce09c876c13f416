/**
 * A moment in a shared link. Each player owns keys prefixed with its id in the URL hash,
 * `#demo.t=5&demo.s=nat`, so several players on one page keep their own moment.
 * The hash (not the query) keeps the static site cacheable and nothing is sent to a server.
 */
export interface Moment {
  /** Frame index. */
  t?: number;
  /** Scenario name, when the view offers several. */
  s?: string;
}

const ID = /^[A-Za-z][\w-]{0,40}$/;

export function readMoment(hash: string, id: string): Moment {
  if (!ID.test(id)) return {};
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const moment: Moment = {};
  const t = params.get(`${id}.t`);
  if (t !== null && /^\d{1,7}$/.test(t)) moment.t = Number(t);
  const s = params.get(`${id}.s`);
  if (s !== null && /^[\w-]{1,40}$/.test(s)) moment.s = s;
  return moment;
}

export function writeMoment(hash: string, id: string, moment: Moment): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete(`${id}.t`);
  params.delete(`${id}.s`);
  if (moment.s !== undefined) params.set(`${id}.s`, moment.s);
  if (moment.t !== undefined && moment.t > 0) params.set(`${id}.t`, String(moment.t));
  const text = params.toString();
  return text ? `#${text}` : '';
}
