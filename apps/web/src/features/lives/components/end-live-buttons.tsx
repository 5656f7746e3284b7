import type { DeleteLiveResult, LiveDto } from '@recflow/contracts';
import { useState } from 'react';
import { Button } from '@/shared/ui/button';
import type { EndLiveBody } from '../api/end-live';
import { CHOICE_LABELS, choicesFor, type EndChoice } from '../model/end-choices';
import { CHOICE_ICONS, EndLiveDialog } from './end-live-dialog';

/**
 * A live page's ways to end it: finish and save or discard while it is active (still offered
 * while it finishes: asking again is harmless), purge once it has ended.
 */
export function EndLiveButtons({
  live,
  onEnded,
}: {
  live: Pick<LiveDto, 'id' | 'status' | 'nodes' | 'channel'>;
  onEnded?(result: DeleteLiveResult, body: EndLiveBody): void;
}) {
  const [choice, setChoice] = useState<EndChoice>();
  return (
    <>
      {choicesFor(live.status).map((c) => {
        const Icon = CHOICE_ICONS[c];
        return (
          <Button
            key={c}
            variant={c === 'finish' ? 'default' : 'outline'}
            className={c === 'finish' ? undefined : 'text-destructive hover:text-destructive'}
            onClick={() => setChoice(c)}
          >
            <Icon /> {CHOICE_LABELS[c]}
          </Button>
        );
      })}
      {choice && (
        <EndLiveDialog
          live={live}
          choice={choice}
          open
          onOpenChange={(open) => !open && setChoice(undefined)}
          onEnded={onEnded}
        />
      )}
    </>
  );
}
