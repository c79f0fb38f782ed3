import { useState } from 'react';
import { Combobox } from '#client/components/ui/combobox.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { countryLabel } from '#client/lib/country.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import { useMinistrySearch } from '../api/pickers.ts';
import { NewMinistryDialog } from './new-ministry-dialog.tsx';

export interface PickedMinistry {
  id: string;
  label: string;
}

/** Chooses a ministry by typing; offers to add one that is not there yet. */
export function MinistryPicker({ value, onChange, error }: { value: PickedMinistry | null; onChange: (m: PickedMinistry | null) => void; error?: string }) {
  const [text, setText] = useState(value?.label ?? '');
  const [creating, setCreating] = useState(false);
  const search = useMinistrySearch(value ? '' : text);
  const options = (search.data?.items ?? []).map((m) => ({ id: m.id, label: m.shortName, detail: `${m.name} · ${countryLabel(m.country)}` }));

  const pick = (ministry: PickedMinistry) => {
    setText(ministry.label);
    onChange(ministry);
  };
  return (
    <>
      <Field label="Ministry" required error={error}>
        {(control) => (
          <Combobox
            control={control}
            inputValue={text}
            onInputChange={(next) => {
              setText(next);
              if (value) onChange(null);
            }}
            options={options}
            loading={search.isFetching}
            onSelect={(option) => pick({ id: option.id, label: option.label })}
            createLabel={`New ministry${text.trim() ? ` “${text.trim()}”` : ''}…`}
            onCreate={() => setCreating(true)}
            placeholder="Type to search ministries"
          />
        )}
      </Field>
      <NewMinistryDialog
        open={creating}
        initialName={value ? '' : text.trim()}
        onClose={() => setCreating(false)}
        onCreated={(ministry: Ministry) => {
          setCreating(false);
          pick({ id: ministry.id, label: ministry.shortName });
        }}
      />
    </>
  );
}
