import { describe, expect, it } from 'vitest';
import { emptyFilterForm, toLocalInput, toSessionFilters } from './filters';

describe('toSessionFilters', () => {
  it('leaves out empty fields', () => {
    expect(toSessionFilters(emptyFilterForm)).toEqual({});
  });

  it('converts local times to ISO and seconds to milliseconds', () => {
    const from = new Date(2026, 10, 21, 9, 30);
    const filters = toSessionFilters({ ...emptyFilterForm, from: toLocalInput(from), url: ' /pay ', minDurationSeconds: '2.5' });
    expect(filters).toEqual({ from: from.toISOString(), url: '/pay', minDurationMs: 2500 });
  });

  it('ignores a zero or unparsable minimum duration', () => {
    expect(toSessionFilters({ ...emptyFilterForm, minDurationSeconds: '0' })).toEqual({});
    expect(toSessionFilters({ ...emptyFilterForm, minDurationSeconds: 'abc' })).toEqual({});
  });

  it('filters by user id and by a complete name:value trait', () => {
    expect(toSessionFilters({ ...emptyFilterForm, userId: ' ada ', trait: 'plan:pro' })).toEqual({ userId: 'ada', trait: 'plan:pro' });
    expect(toSessionFilters({ ...emptyFilterForm, trait: 'plan' })).toEqual({});
    expect(toSessionFilters({ ...emptyFilterForm, trait: ':pro' })).toEqual({});
  });

  it('passes signal type, minimum score and the score sort, and ignores a score out of range', () => {
    expect(toSessionFilters({ ...emptyFilterForm, signal: 'rage_click', minScore: '70', sort: 'score' })).toEqual({
      signal: 'rage_click',
      minScore: 70,
      sort: 'score',
    });
    expect(toSessionFilters({ ...emptyFilterForm, minScore: '101' })).toEqual({});
    expect(toSessionFilters({ ...emptyFilterForm, minScore: '0' })).toEqual({});
  });
});
