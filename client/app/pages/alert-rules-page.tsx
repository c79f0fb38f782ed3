import { AlertRulesView } from '#client/features/alerts/components/alert-rules-view.tsx';
import { MinistrySelect } from '#client/features/ministries/components/ministry-select.tsx';
import { RoundSelect } from '#client/features/rounds/components/round-select.tsx';

export default function AlertRulesPage() {
  return <AlertRulesView renderMinistrySelect={(props) => <MinistrySelect {...props} />} renderRoundSelect={(props) => <RoundSelect {...props} />} />;
}
