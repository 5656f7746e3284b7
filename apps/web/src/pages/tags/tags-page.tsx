import { CreateTagDialog } from '@/features/tags/components/create-tag-dialog';
import { TagsTable } from '@/features/tags/components/tags-table';
import { PageHeader } from '@/shared/ui/page-header';

export function TagsPage() {
  return (
    <>
      <PageHeader
        title="Tags"
        description="Labels for channels; the channel list filters by them. Click a name or description to edit it."
        actions={<CreateTagDialog />}
      />
      <TagsTable />
    </>
  );
}
