import { CreateLiveBody, ERROR_CODES, type LiveDto } from '@recflow/contracts';
import { CircleDotIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '@/shared/api/api-error';
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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import { useCreateLive } from '../api/create-live';
import type { FleetOptions } from '../model/fleet-options';
import {
  activeLiveIdIn,
  EMPTY_RECORD_FORM,
  NODE_COUNTS,
  type RecordForm,
  recordBodyOf,
} from '../model/record-form';
import { FailureReason } from './failure-reason';
import { GroupPicker } from './group-picker';

interface RecordLiveDialogProps {
  groups: FleetOptions['groups'];
  onRecorded(live: LiveDto): void;
}

/** What went wrong, and the live it concerns when there is one to open. */
interface Outcome {
  errors: FormErrors;
  /** The live saved as failed because no node started it. */
  failedLiveId?: string;
  /** The live a 409 says is already recording the channel. */
  activeLiveId?: string;
}

const CLEAN: Outcome = { errors: NO_ERRORS };

function outcomeOfFailure(failure: unknown): Outcome {
  const errors = fromFailure(failure);
  if (failure instanceof ApiError && failure.code === ERROR_CODES.live.alreadyActive) {
    return { errors, activeLiveId: activeLiveIdIn(failure.detail) };
  }
  return { errors };
}

/**
 * Starts recording a channel that is live now. The server answers 201 even when no node could
 * start it (the live is kept as failed, with the reason): the dialog then stays open and says so,
 * rather than reporting a success.
 */
export function RecordLiveDialog({ groups, onRecorded }: RecordLiveDialogProps) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<RecordForm>(EMPTY_RECORD_FORM);
  const [outcome, setOutcome] = useState<Outcome>(CLEAN);
  const create = useCreateLive();
  const set = <K extends keyof RecordForm>(key: K, value: RecordForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const { errors } = outcome;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = recordBodyOf(form);
    const checked = CreateLiveBody.safeParse(body);
    if (!checked.success) return setOutcome({ errors: fromIssues(checked.error) });
    setOutcome(CLEAN);
    try {
      const live = await create.mutateAsync(body);
      if (live.status === 'failed') {
        return setOutcome({
          errors: { fields: {}, general: live.failureReason ?? 'No reason was recorded.' },
          failedLiveId: live.id,
        });
      }
      toast.success(`Recording ${live.channel.username} on ${live.nodes.map((n) => n.name).join(', ')}`);
      onRecorded(live);
      setOpen(false);
    } catch (failure) {
      setOutcome(outcomeOfFailure(failure));
    }
  };

  const change = (next: boolean) => {
    setOpen(next);
    if (next) {
      setForm(EMPTY_RECORD_FORM);
      setOutcome(CLEAN);
    }
  };

  const linkedLive = outcome.failedLiveId ?? outcome.activeLiveId;
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button>
          <CircleDotIcon /> Record a live
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Record a live</DialogTitle>
          <DialogDescription>
            The channel must be live now. recflow resolves its stream and starts it on nodes in distinct
            groups.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          {errors.general && (
            <ErrorAlert title={outcome.failedLiveId ? 'No node started the recording' : undefined}>
              {outcome.failedLiveId ? <FailureReason reason={errors.general} /> : <p>{errors.general}</p>}
              {linkedLive && (
                <Link to={`/lives/${linkedLive}`} className="font-medium underline underline-offset-2">
                  {outcome.failedLiveId ? 'Open the failed live' : 'Open the live being recorded'}
                </Link>
              )}
            </ErrorAlert>
          )}
          <ChannelAddressFields
            platformName={form.platformName}
            sourceId={form.sourceId}
            onPlatformChange={(v) => set('platformName', v)}
            onSourceIdChange={(v) => set('sourceId', v)}
            errors={{ platformName: errors.fields.platformName, sourceId: errors.fields.sourceId }}
          />
          <Field label="Nodes" error={errors.fields.nodeCount} hint="Each on a different node group.">
            {(control) => (
              <Select
                value={form.nodeCount}
                onValueChange={(v) => set('nodeCount', v as RecordForm['nodeCount'])}
              >
                <SelectTrigger {...control} className="w-56">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {NODE_COUNTS.map((count) => (
                    <SelectItem key={count} value={count}>
                      {count === 'default' ? 'Server default' : `${count} node${count === '1' ? '' : 's'}`}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field
            label="Only these node groups"
            error={errors.fields.groupIds}
            hint="None chosen: any group may record it."
          >
            {(control) => (
              <GroupPicker
                {...control}
                groups={groups}
                selected={form.groupIds}
                onChange={(groupIds) => set('groupIds', groupIds)}
              />
            )}
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Starting…' : 'Record'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
