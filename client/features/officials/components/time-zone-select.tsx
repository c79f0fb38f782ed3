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
  /** Zones listed first while nothing is typed (the ministry's country's). */
  preferred?: readonly string[];
}

/** A searchable select over every IANA zone the browser knows, each with its offset and time now. */
export function TimeZoneSelect({ control, value, onChange, preferred = [] }: TimeZoneSelectProps) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // A zone chosen from outside (the suggestion from the ministry's country): show it.
  if (value !== shown) {
    setShown(value);
    if (value) setText(value);
  }
  const now = useMinute();
  const zones = text.trim() ? searchTimeZones(text) : [...new Set([...preferred, ...searchTimeZones('')])].slice(0, 40);
  const options = zones.map((zone) => {
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
