import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { officialQuery } from '../api/officials.ts';
import { OfficialPicker } from './official-picker.tsx';

/** A filter by official: search by name; the chosen one's name is looked up when it came from the URL. */
export function OfficialFilter({ value, onChange, label = 'Official' }: { value: string; onChange: (id: string) => void; label?: string }) {
  const id = useId();
  const chosen = useQuery({ ...officialQuery(value), enabled: Boolean(value) });
  const name = value ? (chosen.data?.name ?? '') : '';
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <OfficialPicker id={id} value={value} label={name} onChange={(next) => onChange(next)} placeholder="Any official" />
    </div>
  );
}
