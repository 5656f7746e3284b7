import { type CriterionDto, UpdateCriterionBody } from '@recflow/contracts';
import { Trash2Icon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { formatCount } from '@/shared/lib/format';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { InlineEdit } from '@/shared/ui/inline-edit';
import { Switch } from '@/shared/ui/switch';
import { TableCell, TableRow } from '@/shared/ui/table';
import { useDeleteCriterion } from '../api/delete-criterion';
import { type UpdateCriterionInput, useUpdateCriterion } from '../api/update-criterion';
import type { UnitList } from '../model/criterion-lists';
import { CriterionHistoryDialog } from './criterion-history-dialog';
import { CriterionPreviewDialog } from './criterion-preview-dialog';
import { UnitBadges } from './unit-badges';

function viewersError(text: string): string | undefined {
  if (!/^\s*-?\d+\s*$/.test(text)) return 'must be a whole number';
  const result = UpdateCriterionBody.safeParse({ minUserCnt: Number(text) });
  return result.success ? undefined : result.error.issues[0]?.message;
}

export function CriterionRow({ criterion, lists }: { criterion: CriterionDto; lists: UnitList[] }) {
  const update = useUpdateCriterion();
  const remove = useDeleteCriterion();
  const [deleting, setDeleting] = useState(false);

  const save = async (body: UpdateCriterionInput, what: string) => {
    await update.mutateAsync({ id: criterion.id, body });
    toast.success(`Criterion "${criterion.name}": ${what}`);
  };
  // Switches have nowhere to show a refusal beside them, so it becomes a toast.
  const flip = (body: UpdateCriterionInput, what: string) =>
    save(body, what).catch((failure) => toast.error(errorMessage(failure)));

  return (
    <TableRow className={cn(criterion.isDeactivated && 'text-muted-foreground')}>
      <TableCell className="min-w-28">
        <div className="flex items-center gap-0.5 font-medium text-foreground">
          {criterion.name}
          <CriterionPreviewDialog criterion={criterion} />
        </div>
        {criterion.description && <div className="max-w-56 truncate text-xs">{criterion.description}</div>}
        {(criterion.domesticOnly || criterion.overseasFirst) && (
          <div className="mt-1 flex gap-1">
            {criterion.domesticOnly && <Badge variant="muted">Domestic only</Badge>}
            {criterion.overseasFirst && <Badge variant="muted">Overseas first</Badge>}
          </div>
        )}
      </TableCell>
      <TableCell>
        <Switch
          aria-label={`Activated: ${criterion.name}`}
          checked={!criterion.isDeactivated}
          onCheckedChange={(on) => void flip({ isDeactivated: !on }, on ? 'activated' : 'deactivated')}
        />
      </TableCell>
      <TableCell>
        <Switch
          aria-label={`Credentials only: ${criterion.name}`}
          checked={criterion.enforceCreds}
          onCheckedChange={(on) =>
            void flip({ enforceCreds: on }, on ? 'records with credentials only' : 'credentials optional')
          }
        />
      </TableCell>
      <TableCell>
        <Switch
          aria-label={`Logging only: ${criterion.name}`}
          checked={criterion.loggingOnly}
          onCheckedChange={(on) => void flip({ loggingOnly: on }, on ? 'logging only' : 'records matches')}
        />
      </TableCell>
      <TableCell className="tabular-nums">
        <InlineEdit
          label={`minimum viewers of ${criterion.name}`}
          value={String(criterion.minUserCnt)}
          display={formatCount(criterion.minUserCnt)}
          inputMode="numeric"
          validate={viewersError}
          onSave={(text) => save({ minUserCnt: Number(text) }, 'minimum viewers saved')}
        />
      </TableCell>
      {lists.map((list) => (
        <TableCell key={list.key} className="px-2">
          <UnitBadges criterion={criterion} list={list} />
        </TableCell>
      ))}
      <TableCell className="px-1 text-right whitespace-nowrap">
        {criterion.loggingOnly && <CriterionHistoryDialog criterion={criterion} />}
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={`Delete criterion ${criterion.name}`}
          title="Delete"
          onClick={() => setDeleting(true)}
        >
          <Trash2Icon />
        </Button>
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={`Delete criterion "${criterion.name}"?`}
          description="Its values go with it. Lives it already records keep recording."
          confirmLabel="Delete"
          destructive
          onConfirm={async () => {
            await remove.mutateAsync(criterion.id);
            toast.success(`Criterion "${criterion.name}" deleted`);
          }}
        />
      </TableCell>
    </TableRow>
  );
}
