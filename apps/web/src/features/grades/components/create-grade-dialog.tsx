import { CreateGradeBody } from '@recflow/contracts';
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
import { Label } from '@/shared/ui/label';
import { Switch } from '@/shared/ui/switch';
import { useCreateGrade } from '../api/create-grade';

const EMPTY = { name: '', description: '', tier: '0', seq: '0', shouldSave: true, shouldNotify: false };

export function CreateGradeDialog() {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateGrade();
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: form.name,
      description: form.description.trim() || undefined,
      tier: Number(form.tier),
      seq: Number(form.seq),
      shouldSave: form.shouldSave,
      shouldNotify: form.shouldNotify,
    };
    const checked = CreateGradeBody.safeParse(body);
    if (!checked.success) return setErrors(fromIssues(checked.error));
    try {
      const grade = await create.mutateAsync(body);
      toast.success(`Grade "${grade.name}" created`);
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
          <PlusIcon /> New grade
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New grade</DialogTitle>
          <DialogDescription>
            A grade decides whether a channel's lives are recorded and announced.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          {errors.general && <ErrorAlert>{errors.general}</ErrorAlert>}
          <Field label="Name" error={errors.fields.name}>
            <Input value={form.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field label="Tier" error={errors.fields.tier}>
              <Input inputMode="numeric" value={form.tier} onChange={(e) => set('tier', e.target.value)} />
            </Field>
            <Field label="Seq" error={errors.fields.seq} hint="Lists are ordered by seq.">
              <Input inputMode="numeric" value={form.seq} onChange={(e) => set('seq', e.target.value)} />
            </Field>
          </div>
          <Field label="Description" error={errors.fields.description}>
            <Textarea value={form.description} onChange={(e) => set('description', e.target.value)} />
          </Field>
          <div className="flex gap-6">
            <Label className="flex items-center gap-2">
              <Switch checked={form.shouldSave} onCheckedChange={(v) => set('shouldSave', v)} /> Save (record
              lives)
            </Label>
            <Label className="flex items-center gap-2">
              <Switch checked={form.shouldNotify} onCheckedChange={(v) => set('shouldNotify', v)} /> Notify
            </Label>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              Create grade
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
