import { type ChannelDto, type GradeDto, UpdateChannelBody } from '@recflow/contracts';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { type FormErrors, fromFailure, fromIssues, NO_ERRORS } from '@/shared/lib/form-errors';
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
import { Textarea } from '@/shared/ui/input';
import { Label } from '@/shared/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import { Switch } from '@/shared/ui/switch';
import { type UpdateChannelInput, useUpdateChannel } from '../api/update-channel';

interface EditChannelDialogProps {
  channel: ChannelDto;
  grades: GradeDto[];
  onClose(): void;
}

function formOf(channel: ChannelDto) {
  return {
    gradeId: channel.grade.id,
    description: channel.description ?? '',
    isFollowed: channel.isFollowed,
    overseasFirst: channel.overseasFirst,
  };
}

/** Only what changed is sent, so an edit never overwrites a field someone else just changed. */
function patchOf(channel: ChannelDto, form: ReturnType<typeof formOf>): UpdateChannelInput {
  const before = formOf(channel);
  const patch: UpdateChannelInput = {};
  if (form.gradeId !== before.gradeId) patch.gradeId = form.gradeId;
  if (form.description.trim() !== before.description) patch.description = form.description.trim() || null;
  if (form.isFollowed !== before.isFollowed) patch.isFollowed = form.isFollowed;
  if (form.overseasFirst !== before.overseasFirst) patch.overseasFirst = form.overseasFirst;
  return patch;
}

export function EditChannelDialog({ channel, grades, onClose }: EditChannelDialogProps) {
  const [form, setForm] = useState(() => formOf(channel));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const update = useUpdateChannel();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = patchOf(channel, form);
    if (Object.keys(body).length === 0) return onClose();
    const checked = UpdateChannelBody.safeParse(body);
    if (!checked.success) return setErrors(fromIssues(checked.error));
    try {
      await update.mutateAsync({ id: channel.id, body });
      toast.success(`${channel.username} updated`);
      onClose();
    } catch (failure) {
      setErrors(fromFailure(failure));
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit channel</DialogTitle>
          <DialogDescription>
            {channel.username} · {channel.platform.name} · {channel.sourceId}
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          {errors.general && <ErrorAlert>{errors.general}</ErrorAlert>}
          <Field label="Grade" error={errors.fields.gradeId}>
            {(control) => (
              <Select value={form.gradeId} onValueChange={(gradeId) => setForm((f) => ({ ...f, gradeId }))}>
                <SelectTrigger {...control}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {grades.map((grade) => (
                    <SelectItem key={grade.id} value={grade.id}>
                      {grade.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label="Description" error={errors.fields.description}>
            <Textarea
              value={form.description}
              rows={4}
              onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
            />
          </Field>
          <div className="grid gap-3">
            <Label className="flex items-center gap-2">
              <Switch
                checked={form.isFollowed}
                onCheckedChange={(isFollowed) => setForm((f) => ({ ...f, isFollowed }))}
              />
              Followed: poll this channel for lives, whatever the criteria
            </Label>
            <Label className="flex items-center gap-2">
              <Switch
                checked={form.overseasFirst}
                onCheckedChange={(overseasFirst) => setForm((f) => ({ ...f, overseasFirst }))}
              />
              Prefer overseas nodes for its lives
            </Label>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={update.isPending}>
              Save changes
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
