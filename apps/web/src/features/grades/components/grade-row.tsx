import { DEFAULT_GRADE_NAME, type GradeDto, UpdateGradeBody } from '@recflow/contracts';
import { Trash2Icon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { formatDateTime } from '@/shared/lib/format';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { InlineEdit } from '@/shared/ui/inline-edit';
import { TableCell, TableRow } from '@/shared/ui/table';
import { useDeleteGrade } from '../api/delete-grade';
import { type UpdateGradeInput, useUpdateGrade } from '../api/update-grade';
import { GradeFlagSwitch } from './grade-flag-switch';

/** Checks a one-field patch against the contract, so the message matches the server's. */
function invalid(patch: UpdateGradeInput): string | undefined {
  const result = UpdateGradeBody.safeParse(patch);
  return result.success ? undefined : result.error.issues[0]?.message;
}

function toInt(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function intError(text: string, key: 'tier' | 'seq'): string | undefined {
  return Number.isNaN(toInt(text)) ? 'must be a number' : invalid({ [key]: toInt(text) });
}

export function GradeRow({ grade }: { grade: GradeDto }) {
  const update = useUpdateGrade();
  const remove = useDeleteGrade();
  const [deleting, setDeleting] = useState(false);
  const isDefault = grade.name === DEFAULT_GRADE_NAME;

  const save = async (body: UpdateGradeInput, what: string) => {
    await update.mutateAsync({ id: grade.id, body });
    toast.success(`Grade "${grade.name}": ${what} saved`);
  };

  return (
    <TableRow>
      <TableCell className="font-medium">
        <InlineEdit
          label={`name of grade ${grade.name}`}
          value={grade.name}
          disabled={isDefault}
          validate={(name) => invalid({ name })}
          onSave={(name) => save({ name }, 'name')}
        />
      </TableCell>
      <TableCell>
        <GradeFlagSwitch
          label={`Save for ${grade.name}`}
          checked={grade.shouldSave}
          consequence={(on) =>
            on
              ? `Lives of "${grade.name}" channels will be recorded.`
              : `Lives of "${grade.name}" channels will no longer be recorded.`
          }
          onChange={(shouldSave) => save({ shouldSave }, 'save')}
        />
      </TableCell>
      <TableCell>
        <GradeFlagSwitch
          label={`Notify for ${grade.name}`}
          checked={grade.shouldNotify}
          consequence={(on) =>
            on
              ? `A notification will be sent when a "${grade.name}" channel goes live.`
              : `No notification will be sent for "${grade.name}" channels.`
          }
          onChange={(shouldNotify) => save({ shouldNotify }, 'notify')}
        />
      </TableCell>
      <TableCell className="tabular-nums">
        <InlineEdit
          label={`tier of grade ${grade.name}`}
          value={String(grade.tier)}
          inputMode="numeric"
          validate={(text) => intError(text, 'tier')}
          onSave={(text) => save({ tier: toInt(text) }, 'tier')}
        />
      </TableCell>
      <TableCell className="tabular-nums">
        <InlineEdit
          label={`seq of grade ${grade.name}`}
          value={String(grade.seq)}
          inputMode="numeric"
          validate={(text) => intError(text, 'seq')}
          onSave={(text) => save({ seq: toInt(text) }, 'seq')}
        />
      </TableCell>
      <TableCell className="w-full max-w-0 min-w-48">
        <InlineEdit
          label={`description of grade ${grade.name}`}
          value={grade.description ?? ''}
          placeholder="Add a description"
          truncate
          validate={(description) => invalid({ description })}
          onSave={(description) => save({ description: description.trim() || null }, 'description')}
        />
      </TableCell>
      <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
        {formatDateTime(grade.createdAt)}
      </TableCell>
      <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
        {formatDateTime(grade.updatedAt)}
      </TableCell>
      <TableCell className="text-right">
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={`Delete grade ${grade.name}`}
          title={isDefault ? 'The default grade cannot be deleted' : 'Delete'}
          disabled={isDefault}
          onClick={() => setDeleting(true)}
        >
          <Trash2Icon />
        </Button>
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={`Delete grade "${grade.name}"?`}
          description="Only a grade no channel uses can be deleted."
          confirmLabel="Delete"
          destructive
          onConfirm={async () => {
            await remove.mutateAsync(grade.id);
            toast.success(`Grade "${grade.name}" deleted`);
          }}
        />
      </TableCell>
    </TableRow>
  );
}
