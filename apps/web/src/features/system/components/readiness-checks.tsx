import type { Readiness } from '@recflow/contracts';
import { CircleCheckIcon, CircleXIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { Badge } from '@/shared/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/shared/ui/card';
import { Spinner } from '@/shared/ui/spinner';
import { useReadiness } from '../api/get-readiness';

const LABELS: Record<keyof Readiness['checks'], string> = {
  database: 'PostgreSQL',
  redis: 'Redis',
  migrations: 'Database migrations',
};

export function ReadinessChecks() {
  const readiness = useReadiness();
  return (
    <Card>
      <CardHeader className="flex items-center justify-between">
        <div className="grid gap-1">
          <CardTitle>Readiness</CardTitle>
          <CardDescription>
            What <code className="font-mono">GET /readyz</code> reports; refreshed every 15 seconds.
          </CardDescription>
        </div>
        {readiness.data && (
          <Badge variant={readiness.data.ready ? 'success' : 'destructive'}>
            {readiness.data.ready ? 'Ready' : 'Not ready'}
          </Badge>
        )}
      </CardHeader>
      <CardContent>
        {readiness.isPending && <Spinner />}
        {readiness.isError && <ErrorAlert>{errorMessage(readiness.error)}</ErrorAlert>}
        {readiness.data && (
          <ul className="grid gap-2">
            {(Object.keys(LABELS) as Array<keyof Readiness['checks']>).map((name) => {
              const check = readiness.data.checks[name];
              return (
                <li key={name} className="flex items-center gap-3 text-sm">
                  {check.ok ? (
                    <CircleCheckIcon className="size-4 text-success" aria-label="ok" />
                  ) : (
                    <CircleXIcon className="size-4 text-destructive" aria-label="failing" />
                  )}
                  <span className="w-44 font-medium">{LABELS[name]}</span>
                  <span className="text-muted-foreground">
                    {check.detail ?? (check.ok ? 'ok' : 'failing')}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
