import { FilterIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { Card } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { Spinner } from '@/shared/ui/spinner';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import { useCriteria } from '../api/get-criteria';
import { type CriterionPlatform, unitListsOf } from '../model/criterion-lists';
import { CriterionRow } from './criterion-row';

const LIST_TITLES: Record<string, string> = {
  true: 'Searched for: a live matching any of these is a candidate',
  false: 'Excluded: a live matching any of these is skipped',
};

export function CriteriaTable({ platform }: { platform: CriterionPlatform }) {
  const criteria = useCriteria(platform);
  const lists = unitListsOf(platform);
  if (criteria.isPending) return <Spinner className="m-4" label="Loading criteria" />;
  if (criteria.isError)
    return <ErrorAlert title="Criteria could not be loaded">{errorMessage(criteria.error)}</ErrorAlert>;
  return (
    // min-w-0 keeps a wide table scrolling inside its card instead of widening the page.
    <Card className="min-w-0">
      {criteria.data.length === 0 ? (
        <EmptyState icon={FilterIcon} title={`No ${platform} criteria`}>
          A criterion searches {platform} for lives by tag, keyword or{' '}
          {platform === 'chzzk' ? 'watch party' : 'category'} and records the ones with enough viewers.
        </EmptyState>
      ) : (
        <Table aria-label={`${platform} criteria`}>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Activated</TableHead>
              <TableHead className="whitespace-normal" title="Record only with platform credentials">
                Creds only
              </TableHead>
              <TableHead
                className="whitespace-normal"
                title="Write what matches to the history instead of recording"
              >
                Logging only
              </TableHead>
              <TableHead
                className="whitespace-normal"
                title="Minimum viewers of a channel recflow does not know"
              >
                Viewers (min)
              </TableHead>
              {lists.map((list) => (
                <TableHead key={list.key} className="px-2" title={LIST_TITLES[String(list.isPositive)]}>
                  {list.label}
                </TableHead>
              ))}
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {criteria.data.map((criterion) => (
              <CriterionRow key={criterion.id} criterion={criterion} lists={lists} />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
