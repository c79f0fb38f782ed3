import { AlertRulesView } from '#client/features/alerts/components/alert-rules-view.tsx';
import { MinistrySelect } from '#client/features/ministries/components/ministry-select.tsx';

export default function AlertRulesPage() {
  return <AlertRulesView renderMinistrySelect={(props) => <MinistrySelect {...props} />} />;
}
