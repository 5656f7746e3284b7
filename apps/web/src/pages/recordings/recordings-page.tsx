import { RecordingBrowser } from '@/features/recordings/components/recording-browser';
import { PageHeader } from '@/shared/ui/page-header';

export function RecordingsPage() {
  return (
    <>
      <PageHeader
        title="Recordings"
        description="Lives that have ended: how each ended, what was recorded, and what vodify was told."
      />
      <RecordingBrowser />
    </>
  );
}
