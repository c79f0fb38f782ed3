import { CHANNEL_LABELS } from '#shared/domain/call-labels.ts';
import { Channel } from '#shared/schemas/calls.ts';
import type { FieldControl } from './field.tsx';

/** The channel of a call, in a native select, named as analysts say it. */
export function ChannelSelect({ control, value, onChange, name }: { control: FieldControl; value: Channel; onChange: (channel: Channel) => void; name?: string }) {
  return (
    <select {...control} name={name} value={value} onChange={(event) => onChange(event.target.value as Channel)}>
      {Channel.options.map((channel) => (
        <option key={channel} value={channel}>
          {CHANNEL_LABELS[channel]}
        </option>
      ))}
    </select>
  );
}
