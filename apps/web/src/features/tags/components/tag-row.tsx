import { type TagWithUsageDto, UpdateTagBody } from '@recflow/contracts';
import { Trash2Icon } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { formatCount, formatDateTime } from '@/shared/lib/format';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { InlineEdit } from '@/shared/ui/inline-edit';
import { TableCell, TableRow } from '@/shared/ui/table';
import { useDeleteTag } from '../api/delete-tag';
import { type UpdateTagInput, useUpdateTag } from '../api/update-tag';

function invalid(patch: UpdateTagInput): string | undefined {
  const result = UpdateTagBody.safeParse(patch);
  return result.success ? undefined : result.error.issues[0]?.message;
}

export function TagRow({ tag }: { tag: TagWithUsageDto }) {
  const update = useUpdateTag();
  const remove = useDeleteTag();
  const [deleting, setDeleting] = useState(false);

  const save = async (body: UpdateTagInput, what: string) => {
    await update.mutateAsync({ id: tag.id, body });
    toast.success(`Tag "${tag.name}": ${what} saved`);
  };

  return (
    <TableRow>
      <TableCell className="font-medium">
        <InlineEdit
          label={`name of tag ${tag.name}`}
          value={tag.name}
          validate={(name) => invalid({ name })}
          onSave={(name) => save({ name }, 'name')}
        />
      </TableCell>
      <TableCell className="w-full max-w-0 min-w-48">
        <InlineEdit
          label={`description of tag ${tag.name}`}
          value={tag.description ?? ''}
          placeholder="Add a description"
          truncate
          validate={(description) => invalid({ description })}
          onSave={(description) => save({ description: description.trim() || null }, 'description')}
        />
      </TableCell>
      <TableCell className="tabular-nums">
        {tag.channelCount > 0 ? (
          <Link
            className="text-primary underline-offset-4 hover:underline"
            to={{ pathname: '/channels', search: `?it=${encodeURIComponent(tag.name)}` }}
          >
            {formatCount(tag.channelCount)}
          </Link>
        ) : (
          <span className="text-muted-foreground">0</span>
        )}
      </TableCell>
      <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
        {formatDateTime(tag.createdAt)}
      </TableCell>
      <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
        {formatDateTime(tag.updatedAt)}
      </TableCell>
      <TableCell className="text-right">
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={`Delete tag ${tag.name}`}
          onClick={() => setDeleting(true)}
        >
          <Trash2Icon />
        </Button>
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={`Delete tag "${tag.name}"?`}
          description="Only a tag no channel carries can be deleted; detach it from its channels first."
          confirmLabel="Delete"
          destructive
          onConfirm={async () => {
            await remove.mutateAsync(tag.id);
            toast.success(`Tag "${tag.name}" deleted`);
          }}
        />
      </TableCell>
    </TableRow>
  );
}
