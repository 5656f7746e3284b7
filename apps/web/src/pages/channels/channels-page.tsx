import { FileUpIcon } from 'lucide-react';
import { Link } from 'react-router';
import { ChannelBrowser } from '@/features/channels/components/channel-browser';
import { CreateChannelDialog } from '@/features/channels/components/create-channel-dialog';
import type { ChannelCatalog } from '@/features/channels/model/channel-catalog';
import { useGrades } from '@/features/grades/api/get-grades';
import { useTags } from '@/features/tags/api/get-tags';
import { Button } from '@/shared/ui/button';
import { PageHeader } from '@/shared/ui/page-header';

export function ChannelsPage() {
  const grades = useGrades();
  const tags = useTags();
  const catalog: ChannelCatalog = { grades: grades.data ?? [], tags: tags.data ?? [] };
  return (
    <>
      <PageHeader
        title="Channels"
        description="Streamers recflow knows about: their grade decides whether their lives are recorded."
        actions={
          <>
            <Button variant="outline" asChild>
              <Link to="/import">
                <FileUpIcon /> Import
              </Link>
            </Button>
            <CreateChannelDialog catalog={catalog} />
          </>
        }
      />
      <ChannelBrowser catalog={catalog} />
    </>
  );
}
