import type { SessionFilters } from '../../api/types';

/** What the filter form holds: raw input values, as the user typed them. */
export interface FilterForm {
  /** `<input type="datetime-local">` value in local time, or ''. */
  readonly from: string;
  readonly to: string;
  readonly url: string;
  /** Minimum duration in seconds, or ''. */
  readonly minDurationSeconds: string;
  /** A person's user id, or ''. */
  readonly userId: string;
  /** `name:value`, or ''. */
  readonly trait: string;
  /** Minimum frustration score 0-100, or ''. */
  readonly minScore: string;
  /** A signal type, or '' for any. */
  readonly signal: string;
  readonly sort: '' | 'score';
}

export const emptyFilterForm: FilterForm = {
  from: '',
  to: '',
  url: '',
  minDurationSeconds: '',
  userId: '',
  trait: '',
  minScore: '',
  signal: '',
  sort: '',
};

function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Turns the form into API filters; empty and unparsable fields are left out. */
export function toSessionFilters(form: FilterForm): SessionFilters {
  const seconds = Number(form.minDurationSeconds);
  const score = Number(form.minScore);
  const url = form.url.trim();
  const userId = form.userId.trim();
  const trait = form.trait.trim();
  return {
    ...(localToIso(form.from) ? { from: localToIso(form.from) } : {}),
    ...(localToIso(form.to) ? { to: localToIso(form.to) } : {}),
    ...(url ? { url } : {}),
    ...(form.minDurationSeconds.trim() && Number.isFinite(seconds) && seconds > 0
      ? { minDurationMs: Math.round(seconds * 1000) }
      : {}),
    ...(userId ? { userId } : {}),
    // The server refuses a trait without name:value; an unfinished one is left out instead.
    ...(/^[^:]+:/.test(trait) ? { trait } : {}),
    ...(form.minScore.trim() && Number.isInteger(score) && score > 0 && score <= 100 ? { minScore: score } : {}),
    ...(form.signal ? { signal: form.signal } : {}),
    ...(form.sort === 'score' ? { sort: 'score' as const } : {}),
  };
}

/** A `datetime-local` value (local time, minute precision) for a moment. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function isFiltered(form: FilterForm): boolean {
  return Object.keys(toSessionFilters(form)).length > 0;
}
