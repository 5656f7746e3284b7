import { ExternalLinkIcon } from 'lucide-react';
import { Badge } from '@/shared/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/shared/ui/card';
import { useLinkStatus } from '../api/probe-link';

const LINKS = [
  {
    href: '/api/docs',
    title: 'API reference',
    text: 'Every REST route with its parameters, bodies and answers.',
  },
  {
    href: '/api/openapi.json',
    title: 'OpenAPI document',
    text: 'The same, as OpenAPI JSON for code generators.',
  },
  { href: '/admin/queues', title: 'Bull Board', text: 'The job queues of the scheduled workers.' },
];

function LinkStatus({ href }: { href: string }) {
  const status = useLinkStatus(href);
  if (status.isPending) return null;
  if (status.isError) return <Badge variant="destructive">unreachable</Badge>;
  if (status.data < 400) return <Badge variant="success">available</Badge>;
  return (
    <Badge variant="muted">{status.data === 404 ? 'not on this server' : `answers ${status.data}`}</Badge>
  );
}

export function ServerLinks() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Server pages</CardTitle>
        <CardDescription>Tools the recflow server serves beside this dashboard.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3">
          {LINKS.map((link) => (
            <li key={link.href} className="flex items-start justify-between gap-3">
              <div className="grid gap-0.5">
                <a
                  href={link.href}
                  target="_blank"
                  rel="noreferrer"
                  className="inline-flex items-center gap-1.5 text-sm font-medium text-primary hover:underline"
                >
                  {link.title} <ExternalLinkIcon className="size-3.5" />
                </a>
                <p className="text-sm text-muted-foreground">
                  {link.text} <code className="font-mono text-xs">{link.href}</code>
                </p>
              </div>
              <LinkStatus href={link.href} />
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
