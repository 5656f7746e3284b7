import { ChannelImport } from '@/features/import/components/channel-import';
import { PageHeader } from '@/shared/ui/page-header';

export function ImportPage() {
  return (
    <>
      <PageHeader
        title="Import channels"
        description="Create or update many channels at once from a CSV or JSON file; every row gets its own outcome."
      />
      <ChannelImport />
    </>
  );
}
