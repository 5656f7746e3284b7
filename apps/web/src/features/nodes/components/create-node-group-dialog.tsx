import { CreateNodeGroupBody } from '@recflow/contracts';
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
import { useCreateNodeGroup } from '../api/create-node-group';

const EMPTY = { name: '', description: '' };

export function CreateNodeGroupDialog() {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateNodeGroup();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { name: form.name, description: form.description.trim() || undefined };
    const checked = CreateNodeGroupBody.safeParse(body);
    if (!checked.success) return setErrors(fromIssues(checked.error));
    try {
      const group = await create.mutateAsync(body);
      toast.success(`Group "${group.name}" created`);
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
        <Button variant="outline">
          <PlusIcon /> New group
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>New node group</DialogTitle>
          <DialogDescription>
            A live is recorded on nodes of distinct groups, so one group failing never loses it.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          {errors.general && <ErrorAlert>{errors.general}</ErrorAlert>}
          <Field label="Name" error={errors.fields.name}>
            <Input
              value={form.name}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
              autoComplete="off"
              autoFocus
            />
          </Field>
          <Field label="Description" error={errors.fields.description}>
            <Textarea
              value={form.description}
              rows={2}
              onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
            />
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              Create group
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
