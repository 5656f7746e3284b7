import { useParams } from 'react-router';
import { LiveDetail } from '@/features/lives/components/live-detail';

export function LivePage() {
  const { id = '' } = useParams();
  // Keyed by id, so moving to another live never shows the previous one's state.
  return <LiveDetail key={id} id={id} />;
}
