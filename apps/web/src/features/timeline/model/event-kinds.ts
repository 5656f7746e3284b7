/**
 * How each audit event kind reads on a timeline: a label, an icon and a tone. Kinds the server
 * adds later still show, with a label made from the kind itself, so a new event is never hidden.
 */
import {
  ArrowDownToLineIcon,
  ArrowRightLeftIcon,
  BanIcon,
  CircleCheckIcon,
  CircleDotIcon,
  CircleMinusIcon,
  CirclePauseIcon,
  CirclePlayIcon,
  CirclePlusIcon,
  CircleXIcon,
  HourglassIcon,
  type LucideIcon,
  OctagonAlertIcon,
  RadioIcon,
  RepeatIcon,
  RotateCcwIcon,
  ServerCrashIcon,
  Trash2Icon,
  UnplugIcon,
  WifiIcon,
} from 'lucide-react';

export type EventTone = 'good' | 'info' | 'warn' | 'bad' | 'quiet';

export interface EventKind {
  label: string;
  icon: LucideIcon;
  tone: EventTone;
}

const KINDS: Record<string, EventKind> = {
  'live.registered': { label: 'Registered', icon: RadioIcon, tone: 'good' },
  'live.node_added': { label: 'Node added', icon: CirclePlusIcon, tone: 'good' },
  'live.node_refused': { label: 'Node refused', icon: BanIcon, tone: 'warn' },
  'live.node_failed': { label: 'Node failed', icon: ServerCrashIcon, tone: 'bad' },
  'live.node_replaced': { label: 'Node replaced', icon: RepeatIcon, tone: 'info' },
  'live.node_removed': { label: 'Node released', icon: CircleMinusIcon, tone: 'quiet' },
  'live.node_drained': { label: 'Drained off', icon: ArrowRightLeftIcon, tone: 'info' },
  'live.failed': { label: 'Failed', icon: CircleXIcon, tone: 'bad' },
  'live.restarted': { label: 'Restarted', icon: RotateCcwIcon, tone: 'info' },
  'live.stream_unavailable': { label: 'Stream unavailable', icon: UnplugIcon, tone: 'warn' },
  'live.stream_available': { label: 'Stream back', icon: WifiIcon, tone: 'good' },
  'live.finishing': { label: 'Finishing', icon: HourglassIcon, tone: 'info' },
  'live.finished': { label: 'Finished', icon: CircleCheckIcon, tone: 'good' },
  'live.finish_failed': { label: 'Finish failed', icon: OctagonAlertIcon, tone: 'bad' },
  'live.deleted': { label: 'Deleted', icon: Trash2Icon, tone: 'quiet' },
  'node.cordoned': { label: 'Cordoned', icon: CirclePauseIcon, tone: 'warn' },
  'node.uncordoned': { label: 'Uncordoned', icon: CirclePlayIcon, tone: 'good' },
  'node.drain_started': { label: 'Drain started', icon: ArrowDownToLineIcon, tone: 'warn' },
  'node.undrained': { label: 'Back in service', icon: CirclePlayIcon, tone: 'good' },
};

/** `live.state_cleaned` reads "State cleaned". */
function labelOf(kind: string): string {
  const words = (kind.split('.').at(-1) ?? kind).replaceAll('_', ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : kind;
}

export function eventKind(kind: string): EventKind {
  return KINDS[kind] ?? { label: labelOf(kind), icon: CircleDotIcon, tone: 'quiet' };
}

export const TONE_CLASSES: Record<EventTone, string> = {
  good: 'bg-success/15 text-success',
  info: 'bg-primary/15 text-primary',
  warn: 'bg-warning/25 text-foreground',
  bad: 'bg-destructive/15 text-destructive',
  quiet: 'bg-muted text-muted-foreground',
};
