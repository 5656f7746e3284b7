import { CreateTagBody } from '@recflow/contracts';
import { PlusIcon } from 'lucide-react';
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
  DialogTrigger,
} from '@/shared/ui/dialog';
import { Field } from '@/shared/ui/field';
import { Input, Textarea } from '@/shared/ui/input';
import { useCreateTag } from '../api/create-tag';

export function CreateTagDialog() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateTag();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { name, description: description.trim() || undefined };
    const checked = CreateTagBody.safeParse(body);
    if (!checked.success) return setErrors(fromIssues(checked.error));
    try {
      const tag = await create.mutateAsync(body);
      toast.success(`Tag "${tag.name}" created`);
      setOpen(false);
    } catch (failure) {
      setErrors(fromFailure(failure));
    }
  };

  const change = (next: boolean) => {
    setOpen(next);
    if (next) {
      setName('');
      setDescription('');
      setErrors(NO_ERRORS);
    }
  };

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> New tag
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New tag</DialogTitle>
          <DialogDescription>
            Tags group channels so the channel list can be filtered by them.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          {errors.general && <ErrorAlert>{errors.general}</ErrorAlert>}
          <Field label="Name" error={errors.fields.name} hint="No commas: tag lists travel comma-separated.">
            <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Description" error={errors.fields.description}>
            <Textarea value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              Create tag
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
