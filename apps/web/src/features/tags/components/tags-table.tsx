import { TagsIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { Card } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { Spinner } from '@/shared/ui/spinner';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import { useTags } from '../api/get-tags';
import { TagRow } from './tag-row';

export function TagsTable() {
  const tags = useTags();
  if (tags.isPending) return <Spinner className="m-4" />;
  if (tags.isError)
    return <ErrorAlert title="Tags could not be loaded">{errorMessage(tags.error)}</ErrorAlert>;
  return (
    <Card>
      {tags.data.length === 0 ? (
        <EmptyState icon={TagsIcon} title="No tags yet">
          Create one here, or type a new tag name when adding a channel.
        </EmptyState>
      ) : (
        <Table aria-label="Tags">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Description</TableHead>
              <TableHead>Channels</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Updated</TableHead>
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tags.data.map((tag) => (
              <TagRow key={tag.id} tag={tag} />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
