/** The "Record a live" form, and the request body it becomes. */
import type { PlatformName } from '@recflow/contracts';
import type { CreateLiveInput } from '../api/create-live';

/** `default` leaves the count to the server: the channel grade's, else NODES_PER_LIVE. */
export const NODE_COUNTS = ['default', '1', '2', '3'] as const;
export type NodeCountChoice = (typeof NODE_COUNTS)[number];

export interface RecordForm {
  platformName: PlatformName;
  sourceId: string;
  nodeCount: NodeCountChoice;
  groupIds: string[];
}

export const EMPTY_RECORD_FORM: RecordForm = {
  platformName: 'chzzk',
  sourceId: '',
  nodeCount: 'default',
  groupIds: [],
};

export function recordBodyOf(form: RecordForm): CreateLiveInput {
  return {
    platformName: form.platformName,
    sourceId: form.sourceId,
    nodeCount: form.nodeCount === 'default' ? undefined : Number(form.nodeCount),
    groupIds: form.groupIds.length > 0 ? form.groupIds : undefined,
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The live a 409 `live.already_active` names in its detail, to offer a link to it. */
export function activeLiveIdIn(detail: string): string | undefined {
  return UUID.exec(detail)?.[0];
}
