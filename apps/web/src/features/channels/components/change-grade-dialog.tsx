import type { ChannelDto, GradeDto } from '@recflow/contracts';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/shared/ui/dialog';
import { Field } from '@/shared/ui/field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import { useUpdateChannel } from '../api/update-channel';

interface ChangeGradeDialogProps {
  channel: ChannelDto;
  grades: GradeDto[];
  onClose(): void;
}

/** Mounted while open, so every opening starts from the channel's current grade. */
export function ChangeGradeDialog({ channel, grades, onClose }: ChangeGradeDialogProps) {
  const [gradeId, setGradeId] = useState(channel.grade.id);
  const [error, setError] = useState<string>();
  const update = useUpdateChannel();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (gradeId === channel.grade.id) return onClose();
    try {
      const updated = await update.mutateAsync({ id: channel.id, body: { gradeId } });
      toast.success(`${updated.username} is now "${updated.grade.name}"`);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-sm">
        <DialogHeader>
          <DialogTitle>Change grade</DialogTitle>
          <DialogDescription>{channel.username}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)}>
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <Field label="Grade">
            {(control) => (
              <Select value={gradeId} onValueChange={setGradeId}>
                <SelectTrigger {...control}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {grades.map((grade) => (
                    <SelectItem key={grade.id} value={grade.id}>
                      {grade.name}
                      {grade.shouldSave ? '' : ' (not recorded)'}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={update.isPending}>
              Save grade
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
