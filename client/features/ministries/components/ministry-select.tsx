import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { countryLabel } from '#client/lib/country.ts';
import { ministryOptionsQuery } from '../api/ministries.ts';

export interface MinistrySelectProps extends FieldControl {
  value: string;
  onChange: (id: string) => void;
  /** The label of the empty choice ("All ministries", "Choose a ministry…"). */
  emptyLabel: string;
}

/** Every ministry in a native select (keyboard and screen readers know it), grouped by nothing but name. */
export function MinistrySelect({ id, value, onChange, emptyLabel, ...aria }: MinistrySelectProps) {
  const query = useQuery(ministryOptionsQuery);
  const ministries = [...(query.data?.items ?? [])].sort((a, b) => a.shortName.localeCompare(b.shortName));
  const known = !value || ministries.some((m) => m.id === value);
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} disabled={query.isPending} {...aria}>
      <option value="">{query.isPending ? 'Loading ministries…' : query.isError ? 'Ministries could not be loaded' : emptyLabel}</option>
      {/* A ministry chosen before the list arrived (from the URL) stays selectable. */}
      {known ? null : <option value={value}>{value}</option>}
      {ministries.map((ministry) => (
        <option key={ministry.id} value={ministry.id}>
          {ministry.shortName} — {ministry.name} ({ministry.country})
        </option>
      ))}
    </select>
  );
}

/** The countries that have ministries, for a filter. */
export function useMinistryCountries(): string[] {
  const query = useQuery(ministryOptionsQuery);
  return [...new Set((query.data?.items ?? []).map((m) => m.country))].sort();
}

/** A labelled filter by ministry. */
export function MinistryFilter({ value, onChange, label = 'Ministry' }: { value: string; onChange: (id: string) => void; label?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <MinistrySelect id={id} value={value} onChange={onChange} emptyLabel="All ministries" />
    </div>
  );
}

/** A labelled filter by country, over the countries that have ministries. */
export function CountryFilter({ value, onChange }: { value: string; onChange: (country: string) => void }) {
  const id = useId();
  const countries = useMinistryCountries();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Country
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All countries</option>
        {value && !countries.includes(value) ? <option value={value}>{value}</option> : null}
        {countries.map((code) => (
          <option key={code} value={code}>
            {countryLabel(code)} ({code})
          </option>
        ))}
      </select>
    </div>
  );
}
