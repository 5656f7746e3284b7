import { PlannedPage } from '@/shared/ui/planned-page';

export function LivesPage() {
  return (
    <PlannedPage
      title="Lives"
      summary="The broadcasts recflow is recording, or finishing, right now."
      features={[
        'List active lives with their channel, grade, title (linking to the broadcast), viewers, start time and the nodes recording them.',
        'Dim lives whose recording was asked to stop, with a switch to show or hide them.',
        'Add a live by platform and channel id, optionally with a stream URL and its headers.',
        'Finish a recording early, delete its data, or erase its files, each after a confirmation.',
      ]}
    />
  );
}
