import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDeleteDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { formatDateTime, formatDuration } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import type { AlertRule } from '#shared/schemas/alerts.ts';
import { ministryOptionsQuery } from '#client/features/ministries/api/ministries.ts';
import { useAlertRules, useDeleteAlertRule, useSaveAlertRule } from '../api/alert-rules.ts';
import { CHANNEL_LABELS, KIND_LABELS } from '../lib/rule-form.ts';
import { AlertRuleForm, type RenderMinistrySelect, type RenderRoundSelect } from './alert-rule-form.tsx';
import '../alerts.css';

function describe(rule: AlertRule, ministryName: (id: string) => string): string {
  const what = rule.kind === 'wait_exceeds' ? `A wait exceeds ${formatDuration(rule.thresholdMs, 'hours')}` : KIND_LABELS[rule.kind];
  const scope = [rule.ministryId ? ministryName(rule.ministryId) : 'every ministry', rule.roundId ? `round ${rule.roundId.slice(0, 8)}…` : null].filter(Boolean).join(', ');
  return `${what} · ${scope} · ${rule.channels.map((c) => CHANNEL_LABELS[c].toLowerCase()).join(', ')}`;
}

function RuleItem({ rule, ministryName, onEdit, onDelete }: { rule: AlertRule; ministryName: (id: string) => string; onEdit: () => void; onDelete: () => void }) {
  const save = useSaveAlertRule();
  return (
    <li className={`rule card${rule.enabled ? '' : ' rule-paused'}`} data-rule-id={rule.id}>
      <div>
        <h3>
          {rule.name} {rule.enabled ? null : <span className="badge">Paused</span>}
        </h3>
        <p className="muted">{describe(rule, ministryName)}</p>
        <p className="muted">{rule.lastFiredAt ? `Last fired ${formatDateTime(rule.lastFiredAt)}` : 'Has not fired yet'}</p>
      </div>
      <div className="rule-actions">
        <button
          type="button"
          className="btn btn-small btn-secondary"
          disabled={save.isPending}
          onClick={() => save.mutate({ id: rule.id, body: { enabled: !rule.enabled } }, { onSuccess: () => notify(rule.enabled ? 'Rule paused.' : 'Rule resumed.', 'success') })}
        >
          {rule.enabled ? 'Pause' : 'Resume'}
          <span className="visually-hidden"> {rule.name}</span>
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={onEdit}>
          Edit<span className="visually-hidden"> {rule.name}</span>
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onDelete}>
          Delete<span className="visually-hidden"> {rule.name}</span>
        </button>
      </div>
    </li>
  );
}

/** The alert rules page: the user's rules (an admin's: everyone's), each with when it last fired. */
export function AlertRulesView({ renderMinistrySelect, renderRoundSelect }: { renderMinistrySelect: RenderMinistrySelect; renderRoundSelect: RenderRoundSelect }) {
  const query = useAlertRules();
  const ministries = useQuery(ministryOptionsQuery).data?.items ?? [];
  const ministryName = (id: string) => ministries.find((m) => m.id === id)?.shortName ?? 'a ministry';
  const remove = useDeleteAlertRule();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const [removing, setRemoving] = useState<AlertRule | null>(null);
  return (
    <>
      <PageHeader
        title="Alert rules"
        subtitle="Hear of a wait that matters without watching the board: in the app (the bell), by email or to a webhook."
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            New rule
          </button>
        }
      />
      {query.isPending ? <Loading /> : null}
      {query.data && query.data.items.length === 0 ? <EmptyState title="No alert rules yet">Create one: say, when Russia has not called back in 72 hours.</EmptyState> : null}
      <ul className="rule-list">
        {query.data?.items.map((rule) => <RuleItem key={rule.id} rule={rule} ministryName={ministryName} onEdit={() => setEditing(rule)} onDelete={() => setRemoving(rule)} />)}
      </ul>
      <Dialog open={editing !== null} title={editing === 'new' ? 'New alert rule' : 'Edit alert rule'} onClose={() => setEditing(null)}>
        {editing ? <AlertRuleForm key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} renderMinistrySelect={renderMinistrySelect} renderRoundSelect={renderRoundSelect} /> : null}
      </Dialog>
      <ConfirmDeleteDialog
        open={removing !== null}
        title="Delete this rule?"
        description={removing ? `${removing.name}. Its notifications stay.` : ''}
        error={remove.error?.message}
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => (notify('Rule deleted.', 'success'), setRemoving(null)) })}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
