import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { Combobox } from '#client/components/ui/combobox.tsx';
import type { FieldControl } from '#client/components/ui/field.tsx';
import type { Official } from '#shared/schemas/officials.ts';
import { officialKeys, officialSearchQuery } from '../api/officials.ts';
import { OfficialFormDialog, type MinistryFieldProps } from './official-form.tsx';

/** "Secretary of State · State Dept (US)": who an official is, beside their name. */
export function describeOfficial(official: Pick<Official, 'title' | 'ministry'>): string {
  return `${official.title} · ${official.ministry.shortName} (${official.ministry.country})`;
}

export interface OfficialPickerProps extends FieldControl {
  /** The chosen official's id, or '' for none. */
  value: string;
  /** The chosen official's name, shown in the input. */
  label: string;
  /** A choice (with its description), or ('', '') when typing cleared it. */
  onChange: (id: string, name: string, detail?: string) => void;
  placeholder?: string;
  name?: string;
  autoFocus?: boolean;
  /**
   * Offers "New official…", which adds one without leaving the form: the new
   * official's ministry field, composed in by the page from the ministries feature.
   */
  renderMinistryField?: (props: MinistryFieldProps) => ReactNode;
}

/**
 * Chooses an official by typing part of their name or title. Typing after a
 * choice clears it (onChange('', '')), so the value never disagrees with the text.
 */
export function OfficialPicker({ id, value, label, onChange, placeholder = 'Type a name or title', name, autoFocus, renderMinistryField, ...aria }: OfficialPickerProps) {
  const [text, setText] = useState(label);
  const [shownLabel, setShownLabel] = useState(label);
  const [creating, setCreating] = useState(false);
  // The choice changed from outside (a cleared filter, a reset form): show it.
  if (label !== shownLabel) {
    setShownLabel(label);
    setText(label);
  }
  const client = useQueryClient();
  const q = useDeferredValue(value ? '' : text.trim());
  const search = useQuery({ ...officialSearchQuery(q), placeholderData: keepPreviousData });
  const options = (search.data?.items ?? []).map((official) => ({ id: official.id, label: official.name, detail: describeOfficial(official) }));

  const choose = (official: Official) => {
    setText(official.name);
    setShownLabel(official.name);
    // Whoever shows the chosen official next (a filter's label) needs no extra request.
    client.setQueryData(officialKeys.detail(official.id), official);
    onChange(official.id, official.name, describeOfficial(official));
  };
  return (
    <>
      <Combobox
        control={{ id, ...aria }}
        name={name}
        autoFocus={autoFocus}
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
          const chosen = search.data?.items.find((official) => official.id === option.id);
          if (chosen) choose(chosen);
        }}
        placeholder={placeholder}
        emptyText="No official matches"
        {...(renderMinistryField
          ? { createLabel: `New official${text.trim() && !value ? ` “${text.trim()}”` : ''}…`, onCreate: () => setCreating(true) }
          : {})}
      />
      {renderMinistryField ? (
        <OfficialFormDialog
          open={creating}
          initialName={value ? '' : text.trim()}
          onClose={() => setCreating(false)}
          renderMinistrySelect={renderMinistryField}
          onSaved={(official) => {
            // The dialog closes first (which returns focus to this input), so the
            // choice can then move focus on, as a choice from the list does.
            flushSync(() => setCreating(false));
            choose(official);
          }}
        />
      ) : null}
    </>
  );
}
