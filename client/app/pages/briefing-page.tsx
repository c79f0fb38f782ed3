import { BriefingView } from '#client/features/briefing/components/briefing-view.tsx';

export default function BriefingPage() {
  return <BriefingView />;
}
