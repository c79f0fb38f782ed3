import { useState } from 'react';
import { Combobox } from '#client/components/ui/combobox.tsx';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { localTimeIn } from '#client/lib/format.ts';
import { useMinute } from '#client/lib/ticker.ts';
import { exactTimeZone, searchTimeZones } from '#client/lib/time-zones.ts';

export interface TimeZoneSelectProps {
  control: FieldControl;
  /** The chosen IANA zone, or '' while none is. */
  value: string;
  onChange: (zone: string) => void;
}

/** A searchable select over every IANA zone the browser knows, each with its offset and time now. */
export function TimeZoneSelect({ control, value, onChange }: TimeZoneSelectProps) {
  const [text, setText] = useState(value);
  const now = useMinute();
  const options = searchTimeZones(text).map((zone) => {
    const local = localTimeIn(zone, now);
    return { id: zone, label: zone, detail: `UTC${local.offset} · now ${local.time}, ${local.dayPart}` };
  });
  return (
    <Combobox
      control={control}
      inputValue={text}
      onInputChange={(next) => {
        setText(next);
        // Typing a zone's exact name chooses it; anything else is not a choice yet.
        onChange(exactTimeZone(next) ?? '');
      }}
      options={options}
      onSelect={(option) => {
        setText(option.id);
        onChange(option.id);
      }}
      placeholder="Type a city, e.g. Moscow"
      emptyText="No time zone matches"
    />
  );
}
