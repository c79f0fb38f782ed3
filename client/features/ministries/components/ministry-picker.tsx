import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Combobox } from '#client/components/ui/combobox.tsx';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { countryLabel } from '#client/lib/country.ts';
import { ministryQuery, ministrySearchQuery } from '../api/ministries.ts';
import { MinistryFormDialog } from './ministry-form.tsx';

export interface MinistryPickerProps extends FieldControl {
  /** The chosen ministry's id, or '' for none. */
  value: string;
  onChange: (id: string) => void;
}

/**
 * Chooses a ministry by typing; "New ministry…" adds one that is not there
 * yet, without leaving the form that needed it. Typing after a choice clears it.
 */
export function MinistryPicker({ id, value, onChange, ...aria }: MinistryPickerProps) {
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  // A ministry chosen from outside (not through this input) is shown by its short name.
  const chosen = useQuery({ ...ministryQuery(value), enabled: value !== '' && text === '' });
  const q = useDeferredValue(value ? '' : text.trim());
  const search = useQuery({ ...ministrySearchQuery(q), placeholderData: keepPreviousData });
  const options = (search.data?.items ?? []).map((m) => ({ id: m.id, label: m.shortName, detail: `${m.name} · ${countryLabel(m.country)}` }));

  const pick = (ministryId: string, label: string) => {
    setText(label);
    onChange(ministryId);
  };
  return (
    <>
      <Combobox
        control={{ id, ...aria }}
        inputValue={text || (value ? (chosen.data?.shortName ?? '') : '')}
        onInputChange={(next) => {
          setText(next);
          if (value) onChange('');
        }}
        options={options}
        loading={search.isFetching}
        onSelect={(option) => pick(option.id, option.label)}
        createLabel={`New ministry${text.trim() && !value ? ` “${text.trim()}”` : ''}…`}
        onCreate={() => setCreating(true)}
        placeholder="Type to search ministries"
      />
      <MinistryFormDialog
        open={creating}
        initialName={value ? '' : text.trim()}
        onClose={() => setCreating(false)}
        onSaved={(ministry) => {
          setCreating(false);
          pick(ministry.id, ministry.shortName);
        }}
      />
    </>
  );
}
