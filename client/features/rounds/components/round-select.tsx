import { useQuery } from '@tanstack/react-query';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { formatDate } from '#client/lib/format.ts';
import type { Round } from '#shared/schemas/rounds.ts';
import { roundOptionsQuery } from '../api/rounds.ts';

export interface RoundSelectProps extends FieldControl {
  /** The chosen round's id, or '' for none. */
  value: string;
  onChange: (roundId: string) => void;
  /** The label of the empty choice ("No round", "Every round"). */
  emptyLabel: string;
  name?: string;
}

/** "DPRK nuclear test · 12 Feb 2013": a round as a picker lists it. */
export function roundLabel(round: Pick<Round, 'title' | 'triggerAt' | 'createdAt'>): string {
  return `${round.title} · ${formatDate(round.triggerAt ?? round.createdAt)}`;
}

/** The outreach rounds in a native select, latest first (keyboard and screen readers know it). */
export function RoundSelect({ id, value, onChange, emptyLabel, name, ...aria }: RoundSelectProps) {
  const query = useQuery(roundOptionsQuery);
  const rounds = query.data?.items ?? [];
  const known = !value || rounds.some((round) => round.id === value);
  return (
    <select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)} disabled={query.isPending && !value} {...aria}>
      <option value="">{query.isPending ? 'Loading rounds…' : query.isError ? 'Rounds could not be loaded' : emptyLabel}</option>
      {/* A round chosen before the list arrived (from the URL), or beyond it, stays selectable. */}
      {known ? null : <option value={value}>{query.isPending ? 'Loading…' : 'A round not listed'}</option>}
      {rounds.map((round) => (
        <option key={round.id} value={round.id}>
          {roundLabel(round)}
        </option>
      ))}
    </select>
  );
}
