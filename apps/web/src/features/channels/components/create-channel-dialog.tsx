import { CreateChannelBody, DEFAULT_GRADE_NAME, type PlatformName } from '@recflow/contracts';
import { PlusIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { type FormErrors, fromFailure, fromIssues, NO_ERRORS } from '@/shared/lib/form-errors';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { ChannelAddressFields } from '@/shared/ui/channel-address-fields';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/shared/ui/dialog';
import { Field } from '@/shared/ui/field';
import { Textarea } from '@/shared/ui/input';
import { Label } from '@/shared/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import { Switch } from '@/shared/ui/switch';
import { type CreateChannelInput, useCreateChannel } from '../api/create-channel';
import type { ChannelCatalog } from '../model/channel-catalog';
import { TagInput } from './tag-input';

const EMPTY = {
  platformName: 'chzzk' as PlatformName,
  sourceId: '',
  gradeName: DEFAULT_GRADE_NAME,
  description: '',
  tagNames: [] as string[],
  isFollowed: false,
};
type Form = typeof EMPTY;

function bodyOf(form: Form): CreateChannelInput {
  return {
    platformName: form.platformName,
    sourceId: form.sourceId,
    gradeName: form.gradeName,
    description: form.description.trim() || undefined,
    tagNames: form.tagNames,
    isFollowed: form.isFollowed,
  };
}

/**
 * Adds a channel by platform and channel id; the server fetches its name and followers from the
 * platform. Field errors from the contract or the server land under their inputs; the server's
 * detail (unknown channel, already exists, gateway down) shows above the form.
 */
export function CreateChannelDialog({ catalog }: { catalog: ChannelCatalog }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateChannel();
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(form);
    const checked = CreateChannelBody.safeParse(body);
    if (!checked.success) return setErrors(fromIssues(checked.error));
    setErrors(NO_ERRORS);
    try {
      const channel = await create.mutateAsync(body);
      toast.success(`Added ${channel.username} (${channel.platform.name} ${channel.sourceId})`);
      setOpen(false);
    } catch (failure) {
      setErrors(fromFailure(failure));
    }
  };

  const change = (next: boolean) => {
    setOpen(next);
    if (next) {
      setForm(EMPTY);
      setErrors(NO_ERRORS);
    }
  };

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> Add channel
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add channel</DialogTitle>
          <DialogDescription>Name, picture and followers are fetched from the platform.</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          {errors.general && <ErrorAlert>{errors.general}</ErrorAlert>}
          <ChannelAddressFields
            platformName={form.platformName}
            sourceId={form.sourceId}
            onPlatformChange={(v) => set('platformName', v)}
            onSourceIdChange={(v) => set('sourceId', v)}
            errors={{ platformName: errors.fields.platformName, sourceId: errors.fields.sourceId }}
          />
          <Field label="Grade" error={errors.fields.gradeName}>
            {(control) => (
              <Select value={form.gradeName} onValueChange={(v) => set('gradeName', v)}>
                <SelectTrigger {...control}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {catalog.grades.map((grade) => (
                    <SelectItem key={grade.id} value={grade.name}>
                      {grade.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label="Tags" error={errors.fields.tagNames}>
            <TagInput value={form.tagNames} onChange={(v) => set('tagNames', v)} tags={catalog.tags} />
          </Field>
          <Field label="Description" error={errors.fields.description}>
            <Textarea
              value={form.description}
              onChange={(e) => set('description', e.target.value)}
              rows={3}
            />
          </Field>
          <Label className="flex items-center gap-2">
            <Switch checked={form.isFollowed} onCheckedChange={(v) => set('isFollowed', v)} />
            Followed: poll this channel for lives, whatever the criteria
          </Label>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add channel'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
