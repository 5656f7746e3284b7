import { CircleAlertIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/shared/lib/cn';

/** An inline error box: a form's general error, or a page's failed load. */
export function ErrorAlert({
  title,
  children,
  className,
}: {
  title?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="alert"
      className={cn(
        'flex min-w-0 gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive',
        className,
      )}
    >
      <CircleAlertIcon className="mt-0.5 size-4 shrink-0" />
      <div className="grid min-w-0 gap-0.5">
        {title && <p className="font-medium">{title}</p>}
        {/* Server details may carry long URLs; let them wrap anywhere rather than widen the dialog. */}
        <div className="wrap-anywhere">{children}</div>
      </div>
    </div>
  );
}
