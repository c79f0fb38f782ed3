import { useState } from 'react';
import { Combobox } from '#client/components/ui/combobox.tsx';
import { Field } from '#client/components/ui/field.tsx';
import type { Official } from '#shared/schemas/officials.ts';
import { useOfficialSearch } from '../api/pickers.ts';
import type { PickedOfficial } from '../lib/new-call-form.ts';
import { NewOfficialDialog } from './new-official-dialog.tsx';

export function describeOfficial(official: Pick<Official, 'title' | 'ministry'>): string {
  return `${official.title} · ${official.ministry.shortName} (${official.ministry.country})`;
}

export interface OfficialPickerProps {
  label: string;
  value: PickedOfficial | null;
  onChange: (official: PickedOfficial | null) => void;
  error?: string;
  autoFocus?: boolean;
  /** Called after a choice, to move on to the next field. */
  onPicked?: () => void;
  name: string;
}

/**
 * Picks an official by typing part of their name or title; "New official…"
 * adds one inline. The text is its own state: remount (key) to reset it.
 */
export function OfficialPicker({ label, value, onChange, error, autoFocus, onPicked, name }: OfficialPickerProps) {
  const [text, setText] = useState(value?.name ?? '');
  const [creating, setCreating] = useState(false);
  const search = useOfficialSearch(value ? '' : text);
  const options = (search.data?.items ?? []).map((o) => ({ id: o.id, label: o.name, detail: describeOfficial(o) }));

  const pick = (official: PickedOfficial) => {
    setText(official.name);
    onChange(official);
    onPicked?.();
  };
  return (
    <>
      <Field label={label} required error={error} hint={value?.detail}>
        {(control) => (
          <Combobox
            control={control}
            name={name}
            autoFocus={autoFocus}
            inputValue={text}
            onInputChange={(next) => {
              setText(next);
              if (value) onChange(null);
            }}
            options={options}
            loading={search.isFetching}
            onSelect={(option) => pick({ id: option.id, name: option.label, detail: option.detail })}
            createLabel={`New official${text.trim() && !value ? ` “${text.trim()}”` : ''}…`}
            onCreate={() => setCreating(true)}
            placeholder="Type a name or title"
          />
        )}
      </Field>
      <NewOfficialDialog
        open={creating}
        initialName={value ? '' : text.trim()}
        onClose={() => setCreating(false)}
        onCreated={(official) => {
          setCreating(false);
          pick({ id: official.id, name: official.name, detail: describeOfficial(official) });
        }}
      />
    </>
  );
}
