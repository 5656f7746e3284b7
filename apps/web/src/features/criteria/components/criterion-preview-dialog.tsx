/** A saved criterion's preview: the lives it would match right now, active or not. */
import type { CriterionDto } from '@recflow/contracts';
import { RadarIcon, RefreshCwIcon } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/shared/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/shared/ui/dialog';
import { Spinner } from '@/shared/ui/spinner';
import { useSavedPreview } from '../api/preview-criterion';
import { CriterionPreviewResult } from './criterion-preview';

function SavedPreview({ criterion }: { criterion: CriterionDto }) {
  const preview = useSavedPreview(criterion.id, true);
  if (preview.isPending) return <Spinner className="m-4" label="Asking the platforms" />;
  return (
    <>
      <CriterionPreviewResult
        label={`Preview of ${criterion.name}`}
        loggingOnly={criterion.loggingOnly}
        preview={preview.isError ? undefined : preview.data}
        error={preview.error}
        updating={preview.isFetching}
      />
      <div className="flex justify-end">
        <Button
          variant="outline"
          size="sm"
          onClick={() => void preview.refetch()}
          disabled={preview.isFetching}
        >
          <RefreshCwIcon /> Ask again
        </Button>
      </div>
    </>
  );
}

export function CriterionPreviewDialog({ criterion }: { criterion: CriterionDto }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={`Preview matches of ${criterion.name}`}
          title="What it would match now"
        >
          <RadarIcon />
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[92vh] max-w-3xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>What {criterion.name} would match now</DialogTitle>
          <DialogDescription>
            Its searches run now on the platforms, and every live found is judged as detection would
            {criterion.isDeactivated ? ' once the criterion is activated' : ''}. Nothing is recorded from
            here.
          </DialogDescription>
        </DialogHeader>
        {open && <SavedPreview criterion={criterion} />}
      </DialogContent>
    </Dialog>
  );
}
