import { useInfiniteQuery } from '@tanstack/react-query';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { webhooksQuery } from '../api/webhooks.ts';

/** The webhooks (admins only may list them) in a native select, disabled ones marked. */
export function WebhookSelect({ id, value, onChange, ...aria }: FieldControl & { value: string; onChange: (id: string) => void }) {
  const query = useInfiniteQuery(webhooksQuery);
  const hooks = query.data?.pages.flatMap((p) => p.items) ?? [];
  const known = !value || hooks.some((h) => h.id === value);
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} disabled={query.isPending} {...aria}>
      <option value="">{query.isPending ? 'Loading webhooks…' : query.isError ? 'Webhooks could not be loaded' : hooks.length === 0 ? 'No webhooks yet (add one on the Webhooks page)' : 'Choose a webhook…'}</option>
      {known ? null : <option value={value}>{value} (unknown)</option>}
      {hooks.map((hook) => (
        <option key={hook.id} value={hook.id}>
          {hook.url}
          {hook.enabled ? '' : ' (disabled)'}
        </option>
      ))}
    </select>
  );
}
