/**
 * A new criterion for the tab's platform. The server validates it as a whole with the shared
 * contract (at least one positive value, not both domestic-only and overseas-first), and its
 * field errors land beside the inputs. New criteria start inactive unless switched on here.
 * While the operator edits, a preview shows the lives it would match now and what would happen.
 */
import { PlusIcon } from 'lucide-react';
import { type FormEvent, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { type FormErrors, fromFailure, NO_ERRORS } from '@/shared/lib/form-errors';
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
import { type CreateCriterionInput, useCreateCriterion } from '../api/create-criterion';
import { type CriterionDraftInput, useDraftPreview } from '../api/preview-criterion';
import { type CriterionPlatform, type ListKey, unitListsOf } from '../model/criterion-lists';
import { useDebouncedValue } from '../model/use-debounced-value';
import { CriterionPreviewResult } from './criterion-preview';
import { ValueListInput } from './value-list-input';

const PREVIEW_DEBOUNCE_MS = 400;

const EMPTY = {
  name: '',
  description: '',
  minUserCnt: '0',
  active: false,
  enforceCreds: false,
  loggingOnly: false,
  domesticOnly: false,
  overseasFirst: false,
};
const LIST_KEYS: ListKey[] = [...unitListsOf('chzzk'), ...unitListsOf('soop')].map((l) => l.key);
type Flag = 'active' | 'enforceCreds' | 'loggingOnly' | 'domesticOnly' | 'overseasFirst';

const FLAGS: { key: Flag; label: string }[] = [
  { key: 'active', label: 'Activate now' },
  { key: 'enforceCreds', label: 'Credentials only' },
  { key: 'loggingOnly', label: 'Logging only' },
  { key: 'domesticOnly', label: 'Domestic only' },
  { key: 'overseasFirst', label: 'Overseas first' },
];

const SHOWN_FIELDS = new Set(['name', 'minUserCnt', 'description', 'overseasFirst', ...LIST_KEYS]);

/** The server's summary repeats its field messages; those already show beside their inputs. */
function besideInputs(errors: FormErrors): boolean {
  return Object.keys(errors.fields).some((field) => SHOWN_FIELDS.has(field));
}

function toBody(platform: CriterionPlatform, form: typeof EMPTY, lists: Partial<Record<ListKey, string[]>>) {
  const common = {
    name: form.name,
    description: form.description.trim() || undefined,
    isDeactivated: !form.active,
    enforceCreds: form.enforceCreds,
    loggingOnly: form.loggingOnly,
    domesticOnly: form.domesticOnly,
    overseasFirst: form.overseasFirst,
    minUserCnt: Number(form.minUserCnt),
    positiveTags: lists.positiveTags ?? [],
    negativeTags: lists.negativeTags ?? [],
    positiveKeywords: lists.positiveKeywords ?? [],
    negativeKeywords: lists.negativeKeywords ?? [],
  };
  const input: CreateCriterionInput =
    platform === 'chzzk'
      ? {
          platform,
          body: { ...common, positiveWps: lists.positiveWps ?? [], negativeWps: lists.negativeWps ?? [] },
        }
      : {
          platform,
          body: {
            ...common,
            positiveCates: lists.positiveCates ?? [],
            negativeCates: lists.negativeCates ?? [],
          },
        };
  return input;
}

/** The draft to preview, or why there is none yet (the server would refuse it anyway). */
function draftOf(input: CreateCriterionInput): CriterionDraftInput | string {
  const { name: _name, description: _description, ...body } = input.body;
  const lists = Object.entries(body).filter(([key]) => key.startsWith('positive'));
  if (!lists.some(([, values]) => (values as string[]).length > 0)) {
    return 'Add a positive tag, keyword or number to see which lives it would match now.';
  }
  if (!Number.isInteger(body.minUserCnt) || (body.minUserCnt ?? 0) < 0) {
    return 'Minimum viewers must be a whole number, 0 or more.';
  }
  return { platform: input.platform, ...body } as CriterionDraftInput;
}

function DraftPreview({ input }: { input: CreateCriterionInput }) {
  const draft = draftOf(input);
  // Debounced as text: the draft object is new on every render, its text only when it changes.
  const settled = useDebouncedValue(
    typeof draft === 'string' ? null : JSON.stringify(draft),
    PREVIEW_DEBOUNCE_MS,
  );
  const parsed = useMemo(() => (settled ? (JSON.parse(settled) as CriterionDraftInput) : null), [settled]);
  const preview = useDraftPreview(typeof draft === 'string' ? null : parsed);
  if (typeof draft === 'string') {
    return (
      <section
        aria-label="Preview"
        className="rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground"
      >
        {draft}
      </section>
    );
  }
  return (
    <CriterionPreviewResult
      label="Preview"
      loggingOnly={input.body.loggingOnly ?? false}
      preview={preview.isError ? undefined : preview.data}
      error={preview.error}
      updating={preview.isFetching || settled !== JSON.stringify(draft)}
    />
  );
}

export function CreateCriterionDialog({ platform }: { platform: CriterionPlatform }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const [lists, setLists] = useState<Partial<Record<ListKey, string[]>>>({});
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateCriterion();
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\s*\d+\s*$/.test(form.minUserCnt)) {
      return setErrors({ fields: { minUserCnt: 'must be a whole number, 0 or more' } });
    }
    try {
      const criterion = await create.mutateAsync(toBody(platform, form, lists));
      toast.success(`Criterion "${criterion.name}" created${criterion.isDeactivated ? ' (inactive)' : ''}`);
      setOpen(false);
    } catch (failure) {
      setErrors(fromFailure(failure));
    }
  };

  const change = (next: boolean) => {
    setOpen(next);
    if (next) {
      setForm(EMPTY);
      setLists({});
      setErrors(NO_ERRORS);
    }
  };

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> New criterion
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[94vh] max-w-6xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>New {platform} criterion</DialogTitle>
          <DialogDescription>
            Positive values are searches (at least one is needed); a live matching a negative value is
            skipped.
          </DialogDescription>
        </DialogHeader>
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
            {errors.general && !besideInputs(errors) && <ErrorAlert>{errors.general}</ErrorAlert>}
            <div className="grid grid-cols-[1fr_10rem] gap-4">
              <Field label="Name" error={errors.fields.name}>
                <Input value={form.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
              </Field>
              <Field label="Minimum viewers" error={errors.fields.minUserCnt}>
                <Input
                  inputMode="numeric"
                  value={form.minUserCnt}
                  onChange={(e) => set('minUserCnt', e.target.value)}
                />
              </Field>
            </div>
            <Field label="Description" error={errors.fields.description}>
              <Textarea
                rows={2}
                value={form.description}
                onChange={(e) => set('description', e.target.value)}
              />
            </Field>
            <div className="flex flex-wrap gap-x-6 gap-y-3">
              {FLAGS.map(({ key, label }) => (
                <Label key={key} className="flex items-center gap-2">
                  <Switch checked={form[key]} onCheckedChange={(v) => set(key, v)} /> {label}
                </Label>
              ))}
            </div>
            {errors.fields.overseasFirst && (
              <p role="alert" className="text-xs text-destructive">
                {errors.fields.overseasFirst}
              </p>
            )}
            <div className="grid grid-cols-2 gap-4">
              {unitListsOf(platform).map((list) => (
                <Field
                  key={list.key}
                  label={`${list.label} (${list.noun}s)`}
                  error={errors.fields[list.key]}
                  hint={list.numeric ? 'Numbers only' : undefined}
                >
                  {(control) => (
                    <ValueListInput
                      {...control}
                      noun={list.noun}
                      value={lists[list.key] ?? []}
                      onChange={(next) => setLists((l) => ({ ...l, [list.key]: next }))}
                    />
                  )}
                </Field>
              ))}
            </div>
            <DialogFooter>
              <Button variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending}>
                Create criterion
              </Button>
            </DialogFooter>
          </form>
          {open && <DraftPreview input={toBody(platform, form, lists)} />}
        </div>
      </DialogContent>
    </Dialog>
  );
}
