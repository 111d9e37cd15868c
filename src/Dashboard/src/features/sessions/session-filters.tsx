import { useState, type FormEvent } from 'react';
import { signalLabel, signalTypes } from '../signals/signal-labels';
import { emptyFilterForm, isFiltered, toLocalInput, type FilterForm } from './filters';

const QUICK_RANGES = [
  { label: 'Last hour', ms: 3_600_000 },
  { label: '24 hours', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
] as const;

export function SessionFilterBar(props: { value: FilterForm; onChange: (form: FilterForm) => void }) {
  const [draft, setDraft] = useState<FilterForm>(props.value);
  const set = (patch: Partial<FilterForm>) => setDraft({ ...draft, ...patch });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    props.onChange(draft);
  };
  const applyNow = (form: FilterForm) => {
    setDraft(form);
    props.onChange(form);
  };

  return (
    <form className="filters" onSubmit={apply} aria-label="Filter sessions">
      <label className="field field--inline">
        <span className="field__label">From</span>
        <input type="datetime-local" value={draft.from} onChange={(e) => set({ from: e.target.value })} data-testid="filter-from" />
      </label>
      <label className="field field--inline">
        <span className="field__label">To</span>
        <input type="datetime-local" value={draft.to} onChange={(e) => set({ to: e.target.value })} data-testid="filter-to" />
      </label>
      <label className="field field--inline field--grow">
        <span className="field__label">URL contains</span>
        <input type="search" value={draft.url} placeholder="/checkout" onChange={(e) => set({ url: e.target.value })} data-testid="filter-url" />
      </label>
      <label className="field field--inline field--narrow">
        <span className="field__label">Min. duration (s)</span>
        <input
          type="number"
          min={0}
          step={1}
          value={draft.minDurationSeconds}
          onChange={(e) => set({ minDurationSeconds: e.target.value })}
          data-testid="filter-min-duration"
        />
      </label>
      <label className="field field--inline">
        <span className="field__label">User id</span>
        <input type="search" value={draft.userId} placeholder="user-42" onChange={(e) => set({ userId: e.target.value })} data-testid="filter-user" />
      </label>
      <label className="field field--inline">
        <span className="field__label">Trait</span>
        <input type="search" value={draft.trait} placeholder="plan:pro" onChange={(e) => set({ trait: e.target.value })} data-testid="filter-trait" />
      </label>
      <label className="field field--inline">
        <span className="field__label">Signal</span>
        <select value={draft.signal} onChange={(e) => set({ signal: e.target.value })} data-testid="filter-signal">
          <option value="">Any</option>
          {signalTypes.map((type) => (
            <option key={type} value={type}>
              {signalLabel(type)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline field--narrow">
        <span className="field__label">Min. frustration</span>
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          value={draft.minScore}
          onChange={(e) => set({ minScore: e.target.value })}
          data-testid="filter-min-score"
        />
      </label>
      <label className="field field--inline">
        <span className="field__label">Sort</span>
        <select value={draft.sort} onChange={(e) => set({ sort: e.target.value === 'score' ? 'score' : '' })} data-testid="filter-sort">
          <option value="">Newest first</option>
          <option value="score">Most frustrated first</option>
        </select>
      </label>
      <div className="filters__actions">
        <button type="submit" className="button button--primary" data-testid="filter-apply">
          Apply
        </button>
        {isFiltered(props.value) && (
          <button type="button" className="button button--ghost" onClick={() => applyNow(emptyFilterForm)}>
            Clear
          </button>
        )}
      </div>
      <div className="filters__quick">
        {QUICK_RANGES.map((range) => (
          <button
            key={range.label}
            type="button"
            className="chip"
            onClick={() => applyNow({ ...draft, from: toLocalInput(new Date(Date.now() - range.ms)), to: '' })}
          >
            {range.label}
          </button>
        ))}
      </div>
    </form>
  );
}
