/** chzzk / soop tabs; the chosen one lives in the URL (`?platform=soop`) so links and reloads keep it. */
import { Link } from 'react-router';
import { cn } from '@/shared/lib/cn';
import { CRITERION_PLATFORMS, type CriterionPlatform } from '../model/criterion-lists';

export function PlatformTabs({ current }: { current: CriterionPlatform }) {
  return (
    <div role="tablist" aria-label="Platform" className="inline-flex w-fit gap-1 rounded-lg bg-muted p-1">
      {CRITERION_PLATFORMS.map((platform) => (
        <Link
          key={platform}
          role="tab"
          aria-selected={platform === current}
          to={`?platform=${platform}`}
          className={cn(
            'rounded-md px-4 py-1 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground',
            platform === current && 'bg-background text-foreground shadow-sm',
          )}
        >
          {platform}
        </Link>
      ))}
    </div>
  );
}
