import { LoaderCircleIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';

export function Spinner({ className, label = 'Loading' }: { className?: string; label?: string }) {
  return (
    <LoaderCircleIcon role="status" aria-label={label} className={cn('size-4 animate-spin', className)} />
  );
}
