/**
 * The three ways an operator ends a live from the dashboard, and what each one asks the server.
 * `delete` without purge is left out on purpose: for an active live it only forgets recflow's
 * record while its recorders keep running and their files never reach post-processing, which is
 * never what an operator wants here.
 */
import { ACTIVE_STATUSES, type LiveStatus } from '@recflow/contracts';
import type { EndLiveBody } from '../api/end-live';

export type EndChoice = 'finish' | 'cancel' | 'purge';

export function choicesFor(status: LiveStatus): EndChoice[] {
  return ACTIVE_STATUSES.includes(status) ? ['finish', 'cancel'] : ['purge'];
}

export function endBody(liveId: string, choice: EndChoice, purge: boolean): EndLiveBody {
  if (choice === 'purge') return { recordId: liveId, cmd: 'delete', isPurge: true };
  return { recordId: liveId, cmd: choice, isPurge: purge };
}

export const CHOICE_LABELS: Record<EndChoice, string> = {
  finish: 'Finish and save',
  cancel: 'Finish and discard',
  purge: 'Purge record',
};
