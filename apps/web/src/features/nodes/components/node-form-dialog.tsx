import { CreateNodeBody, type NodeDto, UpdateNodeBody } from '@recflow/contracts';
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
import { Input, Textarea } from '@/shared/ui/input';
import { Label } from '@/shared/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import { Switch } from '@/shared/ui/switch';
import { useCreateNode } from '../api/create-node';
import { useUpdateNode } from '../api/update-node';
import type { GroupOfNode } from '../model/fleet';
import { createBodyOf, emptyNodeForm, type NodeForm, nodeFormOf, updateBodyOf } from '../model/node-form';

interface NodeFormDialogProps {
  /** The node to edit; without it the dialog registers a new one. */
  node?: NodeDto;
  groups: GroupOfNode[];
  onClose(): void;
}

/**
 * Registers or edits a recnode node. Mounted while open, so each opening starts from the node's
 * current values. Contract and server field errors land under their inputs.
 */
export function NodeFormDialog({ node, groups, onClose }: NodeFormDialogProps) {
  const [form, setForm] = useState<NodeForm>(() =>
    node ? nodeFormOf(node) : emptyNodeForm(groups[0]?.id ?? ''),
  );
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateNode();
  const update = useUpdateNode();
  const pending = create.isPending || update.isPending;
  const set = <K extends keyof NodeForm>(key: K, value: NodeForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = async () => {
    if (!node) {
      const body = createBodyOf(form);
      const checked = CreateNodeBody.safeParse(body);
      if (!checked.success) return setErrors(fromIssues(checked.error));
      const created = await create.mutateAsync(body);
      toast.success(`Node ${created.name} registered in ${created.group.name}`);
      return onClose();
    }
    const body = updateBodyOf(node, form);
    if (Object.keys(body).length === 0) return onClose();
    const checked = UpdateNodeBody.safeParse(body);
    if (!checked.success) return setErrors(fromIssues(checked.error));
    const updated = await update.mutateAsync({ id: node.id, body });
    toast.success(`Node ${updated.name} updated`);
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    save().catch((failure: unknown) => setErrors(fromFailure(failure)));
  };

  const title = node ? `Edit node ${node.name}` : 'Add node';
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            A recnode instance recflow may start recordings on. Lower priority is preferred.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          {errors.general && <ErrorAlert>{errors.general}</ErrorAlert>}
          <div className="grid grid-cols-2 gap-3">
            <Field label="Name" error={errors.fields.name}>
              <Input
                value={form.name}
                onChange={(e) => set('name', e.target.value)}
                autoComplete="off"
                autoFocus
              />
            </Field>
            <Field label="Group" error={errors.fields.groupId}>
              {(control) => (
                <Select value={form.groupId} onValueChange={(v) => set('groupId', v)}>
                  <SelectTrigger {...control}>
                    <SelectValue placeholder="Choose a group" />
                  </SelectTrigger>
                  <SelectContent>
                    {groups.map((group) => (
                      <SelectItem key={group.id} value={group.id}>
                        {group.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </Field>
          </div>
          <Field label="Endpoint" error={errors.fields.endpoint}>
            <Input
              value={form.endpoint}
              onChange={(e) => set('endpoint', e.target.value)}
              placeholder="http://recnode-1:9083"
              autoComplete="off"
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Priority" error={errors.fields.priority} hint="1 is preferred">
              <Input
                inputMode="numeric"
                value={form.priority}
                onChange={(e) => set('priority', e.target.value)}
              />
            </Field>
            <Field label="Capacity" error={errors.fields.capacity} hint="Lives it may record at once">
              <Input
                inputMode="numeric"
                value={form.capacity}
                onChange={(e) => set('capacity', e.target.value)}
              />
            </Field>
          </div>
          <Field label="Description" error={errors.fields.description}>
            <Textarea
              value={form.description}
              rows={2}
              onChange={(e) => set('description', e.target.value)}
            />
          </Field>
          <div className="flex flex-wrap gap-6">
            <Label className="flex items-center gap-2">
              <Switch checked={form.isDomestic} onCheckedChange={(v) => set('isDomestic', v)} />
              Domestic
            </Label>
            <Label className="flex items-center gap-2">
              <Switch checked={form.isCordoned} onCheckedChange={(v) => set('isCordoned', v)} />
              Cordoned (takes no new lives)
            </Label>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {node ? 'Save node' : 'Add node'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
