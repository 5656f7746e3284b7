import type { PlatformName } from '@recflow/contracts';
import { cn } from '@/shared/lib/cn';

const STYLES: Record<PlatformName, string> = {
  chzzk: 'bg-emerald-500/15 text-emerald-700 dark:text-emerald-300',
  soop: 'bg-sky-500/15 text-sky-700 dark:text-sky-300',
};

export function PlatformBadge({ platform, className }: { platform: PlatformName; className?: string }) {
  return (
    <span
      className={cn(
        'rounded px-1.5 py-px text-[11px] font-semibold tracking-wide',
        STYLES[platform],
        className,
      )}
    >
      {platform}
    </span>
  );
}
