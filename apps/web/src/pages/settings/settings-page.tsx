import { ReadinessChecks } from '@/features/system/components/readiness-checks';
import { ServerLinks } from '@/features/system/components/server-links';
import { PageHeader } from '@/shared/ui/page-header';

export function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="The server behind this dashboard: its health and its other tools."
      />
      <div className="grid items-start gap-5 lg:grid-cols-2">
        <ReadinessChecks />
        <ServerLinks />
      </div>
    </>
  );
}
