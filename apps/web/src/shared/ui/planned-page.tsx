/**
 * The honest face of a page whose API does not exist yet: what it will show and do, no sample
 * rows pretending to be data.
 */
import { ConstructionIcon } from 'lucide-react';
import { Card, CardContent } from './card';
import { PageHeader } from './page-header';

export function PlannedPage({
  title,
  summary,
  features,
}: {
  title: string;
  summary: string;
  features: string[];
}) {
  return (
    <>
      <PageHeader title={title} description={summary} />
      <Card>
        <CardContent className="grid gap-3 py-5">
          <div className="flex items-center gap-2 text-sm font-medium">
            <ConstructionIcon className="size-4 text-warning" aria-hidden />
            Not available yet: the server does not expose this part of the API.
          </div>
          <p className="text-sm text-muted-foreground">When it does, this page will:</p>
          <ul className="grid list-disc gap-1.5 pl-5 text-sm">
            {features.map((feature) => (
              <li key={feature}>{feature}</li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </>
  );
}
