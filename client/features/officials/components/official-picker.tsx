import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Combobox } from '#client/components/ui/combobox.tsx';
import { officialKeys, officialSearchQuery } from '../api/officials.ts';

export interface OfficialPickerProps {
  id: string;
  /** The chosen official's id, or '' for none. */
  value: string;
  /** The chosen official's name, shown in the input. */
  label: string;
  onChange: (id: string, name: string) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  placeholder?: string;
}

/**
 * Chooses an official by typing part of their name or title. Typing after a
 * choice clears it (onChange('', '')), so the value never disagrees with the text.
 */
export function OfficialPicker({ id, value, label, onChange, placeholder = 'Type a name or title', ...aria }: OfficialPickerProps) {
  const [text, setText] = useState(label);
  const [shownLabel, setShownLabel] = useState(label);
  // The choice changed from outside (a cleared filter, a reset form): show it.
  if (label !== shownLabel) {
    setShownLabel(label);
    setText(label);
  }
  const client = useQueryClient();
  const q = useDeferredValue(value ? '' : text.trim());
  const search = useQuery({ ...officialSearchQuery(q), placeholderData: keepPreviousData });
  const options = (search.data?.items ?? []).map((official) => ({
    id: official.id,
    label: official.name,
    detail: `${official.title} · ${official.ministry.shortName} (${official.ministry.country})`,
  }));
  return (
    <Combobox
      control={{ id, ...aria }}
      inputValue={text}
      onInputChange={(next) => {
        setText(next);
        if (value) {
          setShownLabel('');
          onChange('', '');
        }
      }}
      options={options}
      loading={search.isFetching}
      onSelect={(option) => {
        setText(option.label);
        setShownLabel(option.label);
        // Whoever shows the chosen official next (a filter's label) needs no extra request.
        const chosen = search.data?.items.find((official) => official.id === option.id);
        if (chosen) client.setQueryData(officialKeys.detail(chosen.id), chosen);
        onChange(option.id, option.label);
      }}
      placeholder={placeholder}
      emptyText="No official matches"
    />
  );
}
