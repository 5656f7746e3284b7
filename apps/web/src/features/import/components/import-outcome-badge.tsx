import type { ImportRowResult } from '@recflow/contracts';
import { Badge, type BadgeProps } from '@/shared/ui/badge';

const VARIANTS: Record<ImportRowResult['outcome'], BadgeProps['variant']> = {
  created: 'success',
  updated: 'default',
  unchanged: 'muted',
  error: 'destructive',
};

export function ImportOutcomeBadge({ outcome }: { outcome: ImportRowResult['outcome'] }) {
  return <Badge variant={VARIANTS[outcome]}>{outcome}</Badge>;
}
