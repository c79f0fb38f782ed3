import { useId } from 'react';
import { DateRangeError, dateRangeInputProps } from '#client/components/ui/date-range-error.tsx';
import { calendarDay, shiftDay } from '#client/lib/format.ts';
import type { GroupBy } from '#shared/schemas/stats.ts';
import { CLOCK_OPTIONS } from '../lib/clock.ts';
import type { StatsFilters } from '../lib/window.ts';

const GROUP_LABELS: Record<GroupBy, string> = { ministry: 'Ministry', official: 'Official', country: 'Country' };

/** Segmented buttons: one choice of a few, each a real button with aria-pressed. */
export function Segmented<T extends string>({ label, options, value, onChange }: { label: string; options: readonly { value: T; label: string }[]; value: T; onChange: (value: T) => void }) {
  return (
    <div role="group" aria-label={label}>
      <span className="segmented-label" aria-hidden="true">
        {label}
      </span>
      <div className="segmented">
        {options.map((o) => (
          <button key={o.value} type="button" aria-pressed={o.value === value} onClick={() => onChange(o.value)}>
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Grouping and the date range: the calls counted are those placed on these days (the viewer's calendar). */
export function StatsControls({ filters, onChange }: { filters: StatsFilters; onChange: (next: StatsFilters) => void }) {
  const rangeId = useId();
  const set = (patch: Partial<StatsFilters>) => onChange({ ...filters, ...patch });
  const last = (days: number) => set({ fromDate: shiftDay(calendarDay(Date.now()), -(days - 1)), toDate: '' });
  return (
    <form className="stats-controls" aria-label="What to count" onSubmit={(e) => e.preventDefault()}>
      <Segmented
        label="Group by the callee’s"
        options={(['ministry', 'official', 'country'] as const).map((value) => ({ value, label: GROUP_LABELS[value] }))}
        value={filters.groupBy}
        onChange={(groupBy) => set({ groupBy })}
      />
      <Segmented label="Measure waits on the" options={CLOCK_OPTIONS} value={filters.clock} onChange={(clock) => set({ clock })} />
      <label className="field">
        <span className="field-label">Placed from</span>
        <input type="date" value={filters.fromDate} max={filters.toDate || undefined} onChange={(e) => set({ fromDate: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">to (inclusive)</span>
        <input
          type="date"
          value={filters.toDate}
          min={filters.fromDate || undefined}
          {...dateRangeInputProps(`${rangeId}-range`, filters.fromDate, filters.toDate)}
          onChange={(e) => set({ toDate: e.target.value })}
        />
        <DateRangeError id={`${rangeId}-range`} from={filters.fromDate} to={filters.toDate} />
      </label>
      <div role="group" aria-label="Quick ranges">
        <span className="segmented-label" aria-hidden="true">
          Quick range
        </span>
        <div className="stats-quick">
          <button type="button" className="btn btn-small btn-secondary" onClick={() => last(30)}>
            30 days
          </button>
          <button type="button" className="btn btn-small btn-secondary" onClick={() => last(90)}>
            90 days
          </button>
          <button type="button" className="btn btn-small btn-secondary" onClick={() => last(365)}>
            12 months
          </button>
          <button type="button" className="btn btn-small btn-secondary" onClick={() => set({ fromDate: '', toDate: '' })}>
            All time
          </button>
        </div>
      </div>
    </form>
  );
}
