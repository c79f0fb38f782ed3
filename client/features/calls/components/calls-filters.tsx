import { useEffect, useId, useState, type ReactNode } from 'react';
import { Button } from '#client/components/ui/button.tsx';
import { DateRangeError, dateRangeInputProps } from '#client/components/ui/date-range-error.tsx';
import { STATUS_LABELS } from '#shared/domain/call-labels.ts';
import { CallStatus } from '#shared/schemas/calls.ts';
import { hasActiveFilters, type CallFilters } from '../lib/call-filters.ts';

export interface CallsFiltersProps {
  filters: CallFilters;
  onChange: (change: Partial<CallFilters>, options?: { replace?: boolean }) => void;
  /** The ministry and official controls come from their own features (the page composes them). */
  ministryFilter: ReactNode;
  officialFilter: ReactNode;
}

const SEARCH_DELAY_MS = 300;

export function CallsFilters({ filters, onChange, ministryFilter, officialFilter }: CallsFiltersProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const active = hasActiveFilters(filters);
  return (
    <section className="filters" aria-labelledby={`${id}-title`}>
      <div className="filters-head">
        <h2 id={`${id}-title`} className="filters-title">
          Filters
        </h2>
        <button type="button" className="btn btn-small filters-toggle" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
          {open ? 'Hide filters' : active ? 'Show filters (active)' : 'Show filters'}
        </button>
      </div>
      <form id={`${id}-panel`} role="search" className={`filters-panel${open ? ' filters-open' : ''}`} onSubmit={(event) => event.preventDefault()}>
        <SearchBox value={filters.q ?? ''} onChange={(q) => onChange({ q: q || undefined }, { replace: true })} />
        {ministryFilter}
        {officialFilter}
        <fieldset className="filters-status">
          <legend>Status</legend>
          <div className="chip-row">
            {CallStatus.options.map((status) => {
              const checked = filters.status.includes(status);
              return (
                <label key={status} className={`chip${checked ? ' chip-on' : ''}`}>
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={() => onChange({ status: checked ? filters.status.filter((s) => s !== status) : [...filters.status, status] })}
                  />
                  {STATUS_LABELS[status]}
                </label>
              );
            })}
          </div>
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-from`}>
            From
          </label>
          <input id={`${id}-from`} type="date" value={filters.from ?? ''} max={filters.to} onChange={(event) => onChange({ from: event.target.value || undefined })} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-to`}>
            To (inclusive)
          </label>
          <input
            id={`${id}-to`}
            type="date"
            value={filters.to ?? ''}
            min={filters.from}
            {...dateRangeInputProps(`${id}-range`, filters.from, filters.to)}
            onChange={(event) => onChange({ to: event.target.value || undefined })}
          />
          <DateRangeError id={`${id}-range`} from={filters.from} to={filters.to} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-order`}>
            Sort
          </label>
          <select id={`${id}-order`} value={filters.order} onChange={(event) => onChange({ order: event.target.value === 'asc' ? 'asc' : 'desc' })}>
            <option value="desc">Newest first</option>
            <option value="asc">Oldest first</option>
          </select>
        </div>
        <div className="filters-actions">
          <Button
            size="small"
            variant="ghost"
            disabled={!active}
            onClick={() => onChange({ status: [], ministryId: undefined, officialId: undefined, from: undefined, to: undefined, q: undefined })}
          >
            Clear filters
          </Button>
        </div>
      </form>
    </section>
  );
}

/** The text search, sent to the URL once the analyst pauses typing. */
function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  // The URL changed from elsewhere (Back, "Clear filters"): show what it says.
  if (value !== synced) {
    setSynced(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="field filters-q">
      <label className="field-label" htmlFor={id}>
        Search topic and notes
      </label>
      <input id={id} type="search" value={text} placeholder="e.g. nuclear test" onChange={(event) => setText(event.target.value)} />
    </div>
  );
}
