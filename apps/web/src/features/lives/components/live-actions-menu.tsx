import type { LiveDto } from '@recflow/contracts';
import { EllipsisVerticalIcon } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/shared/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/shared/ui/dropdown-menu';
import { CHOICE_LABELS, choicesFor, type EndChoice } from '../model/end-choices';
import { CHOICE_ICONS, EndLiveDialog } from './end-live-dialog';

/** A row's ways to end its live, each behind a dialog that says what it does. */
export function LiveActionsMenu({ live }: { live: LiveDto }) {
  const [choice, setChoice] = useState<EndChoice>();
  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${live.channel.username}`}>
            <EllipsisVerticalIcon />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {choicesFor(live.status).map((c) => {
            const Icon = CHOICE_ICONS[c];
            return (
              <DropdownMenuItem key={c} destructive={c !== 'finish'} onSelect={() => setChoice(c)}>
                <Icon /> {CHOICE_LABELS[c]}…
              </DropdownMenuItem>
            );
          })}
        </DropdownMenuContent>
      </DropdownMenu>
      {choice && (
        <EndLiveDialog
          live={live}
          choice={choice}
          open
          onOpenChange={(open) => !open && setChoice(undefined)}
        />
      )}
    </>
  );
}
