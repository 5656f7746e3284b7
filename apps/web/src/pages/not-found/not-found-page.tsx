import { Link } from 'react-router';
import { Button } from '@/shared/ui/button';
import { PageHeader } from '@/shared/ui/page-header';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no dashboard page at this address." />
      <div>
        <Button asChild variant="outline">
          <Link to="/channels">Go to channels</Link>
        </Button>
      </div>
    </>
  );
}
