/**
 * The node dialog's form: text inputs as typed, turned into a create body, or into an update
 * body holding only what changed (so an edit never overwrites a field someone else just set).
 */
import type { NodeDto } from '@recflow/contracts';
import type { CreateNodeInput } from '../api/create-node';
import type { UpdateNodeInput } from '../api/update-node';

export interface NodeForm {
  name: string;
  endpoint: string;
  groupId: string;
  priority: string;
  capacity: string;
  description: string;
  isDomestic: boolean;
  isCordoned: boolean;
}

export function emptyNodeForm(groupId: string): NodeForm {
  return {
    name: '',
    endpoint: '',
    groupId,
    priority: '1',
    capacity: '10',
    description: '',
    isDomestic: false,
    isCordoned: false,
  };
}

export function nodeFormOf(node: NodeDto): NodeForm {
  return {
    name: node.name,
    endpoint: node.endpoint,
    groupId: node.groupId,
    priority: String(node.priority),
    capacity: String(node.capacity),
    description: node.description ?? '',
    isDomestic: node.isDomestic,
    isCordoned: node.isCordoned,
  };
}

/** An empty box is no number; the contract then says what is expected. */
function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function createBodyOf(form: NodeForm): CreateNodeInput {
  return {
    name: form.name,
    endpoint: form.endpoint.trim(),
    groupId: form.groupId,
    priority: toNumber(form.priority),
    capacity: toNumber(form.capacity),
    description: form.description.trim() || undefined,
    isDomestic: form.isDomestic,
    isCordoned: form.isCordoned,
  };
}

export function updateBodyOf(node: NodeDto, form: NodeForm): UpdateNodeInput {
  const before = nodeFormOf(node);
  const patch: UpdateNodeInput = {};
  if (form.name.trim() !== before.name) patch.name = form.name;
  if (form.endpoint.trim() !== before.endpoint) patch.endpoint = form.endpoint.trim();
  if (form.groupId !== before.groupId) patch.groupId = form.groupId;
  if (form.priority.trim() !== before.priority) patch.priority = toNumber(form.priority);
  if (form.capacity.trim() !== before.capacity) patch.capacity = toNumber(form.capacity);
  if (form.description.trim() !== before.description) patch.description = form.description.trim() || null;
  if (form.isDomestic !== before.isDomestic) patch.isDomestic = form.isDomestic;
  if (form.isCordoned !== before.isCordoned) patch.isCordoned = form.isCordoned;
  return patch;
}
