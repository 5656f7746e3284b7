/**
 * Asks before ending a live, saying plainly what the choice does to the recording: saved as a
 * video, its sources deleted, or recflow's record forgotten. Stays open while the request runs
 * and shows the server's refusal (e.g. a 409 for a live that already ended) in place.
 */
import type { DeleteLiveResult, LiveDto } from '@recflow/contracts';
import { EraserIcon, type LucideIcon, SaveIcon, Trash2Icon } from 'lucide-react';
import { AlertDialog as AlertPrimitive } from 'radix-ui';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { contentClass, overlayClass } from '@/shared/ui/dialog';
import { Label } from '@/shared/ui/label';
import { Switch } from '@/shared/ui/switch';
import { type EndLiveBody, useEndLive } from '../api/end-live';
import { CHOICE_LABELS, type EndChoice, endBody } from '../model/end-choices';

interface EndLiveDialogProps {
  live: Pick<LiveDto, 'id' | 'status' | 'nodes' | 'channel'>;
  choice: EndChoice;
  open: boolean;
  onOpenChange(open: boolean): void;
  onEnded?(result: DeleteLiveResult, body: EndLiveBody): void;
}

export const CHOICE_ICONS: Record<EndChoice, LucideIcon> = {
  finish: SaveIcon,
  cancel: Trash2Icon,
  purge: EraserIcon,
};

const TITLES: Record<EndChoice, string> = {
  finish: 'Finish and save this live?',
  cancel: 'Finish and discard this live?',
  purge: "Purge this live's record?",
};

function What({ choice, nodes }: { choice: EndChoice; nodes: string }) {
  if (choice === 'purge') {
    return (
      <p>
        recflow forgets this live: it leaves Lives, Recordings and the timelines. Nothing is sent to
        post-processing, and files already uploaded stay where they are.
      </p>
    );
  }
  const stop = `recflow stops the recorders${nodes ? ` on ${nodes}` : ''} and waits until every node has uploaded what it recorded.`;
  return choice === 'finish' ? (
    <p>
      {stop} Then it sends vodify a <strong className="text-foreground">complete</strong> event: the recording
      is turned into a video.
    </p>
  ) : (
    <p>
      {stop} Then it sends vodify a <strong className="text-foreground">canceled</strong> event:{' '}
      <strong className="text-destructive">the recorded sources are deleted</strong> and no video is made.
    </p>
  );
}

function doneMessage(username: string, choice: EndChoice, result: DeleteLiveResult): string {
  if (result.purged) return `The record of ${username} was purged`;
  if (!result.finishing) return `${username} ended`;
  return choice === 'finish'
    ? `Finishing ${username}: waiting for its nodes to upload`
    : `Discarding ${username}: waiting for its nodes to stop`;
}

export function EndLiveDialog({ live, choice, open, onOpenChange, onEnded }: EndLiveDialogProps) {
  const end = useEndLive();
  const purgeId = useId();
  const [purge, setPurge] = useState(false);
  const [error, setError] = useState<string>();
  const pending = end.isPending;

  const change = (next: boolean) => {
    if (pending) return;
    setError(undefined);
    setPurge(false);
    onOpenChange(next);
  };

  const confirm = async () => {
    setError(undefined);
    const body = endBody(live.id, choice, purge);
    try {
      const result = await end.mutateAsync(body);
      toast.success(doneMessage(live.channel.username, choice, result));
      onEnded?.(result, body);
      change(false);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const nodes = live.nodes.map((n) => n.name).join(', ');
  const destructive = choice !== 'finish';

  return (
    <AlertPrimitive.Root open={open} onOpenChange={change}>
      <AlertPrimitive.Portal>
        <AlertPrimitive.Overlay className={overlayClass} />
        <AlertPrimitive.Content className={cn(contentClass, 'max-w-md')}>
          <AlertPrimitive.Title className="text-lg font-semibold">{TITLES[choice]}</AlertPrimitive.Title>
          <AlertPrimitive.Description asChild>
            <div className="grid gap-2 text-sm text-muted-foreground">
              <p>
                <span className="font-medium text-foreground">{live.channel.username}</span>
              </p>
              <What choice={choice} nodes={nodes} />
              {live.status === 'finalizing' && (
                <p className="rounded-md bg-muted px-3 py-2 text-xs">
                  This live is already finishing. Asking again changes nothing: it shows how far the finish
                  got.
                </p>
              )}
            </div>
          </AlertPrimitive.Description>
          {choice !== 'purge' && (
            <div className="flex items-start gap-3 rounded-md border px-3 py-2.5">
              <Switch id={purgeId} checked={purge} onCheckedChange={setPurge} disabled={pending} />
              <div className="grid gap-1">
                <Label htmlFor={purgeId}>Purge the record too</Label>
                <p className="text-xs text-muted-foreground">
                  Once finished, recflow forgets the live. The finish event is still sent.
                </p>
              </div>
            </div>
          )}
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <div className="flex justify-end gap-2">
            <AlertPrimitive.Cancel asChild>
              <Button variant="outline" disabled={pending}>
                {error ? 'Close' : 'Cancel'}
              </Button>
            </AlertPrimitive.Cancel>
            <Button
              variant={destructive ? 'destructive' : 'default'}
              disabled={pending}
              onClick={() => void confirm()}
            >
              {CHOICE_LABELS[choice]}
            </Button>
          </div>
        </AlertPrimitive.Content>
      </AlertPrimitive.Portal>
    </AlertPrimitive.Root>
  );
}
