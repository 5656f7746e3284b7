export { type BroadcastRecord, BroadcastSchedule, type PlannedBroadcast } from './broadcast-schedule';
export { type Clock, ScaledClock } from './clock';
export { applyFault, Faults, NO_FAULT, type ServiceFault } from './faults';
export { type MediaPlaylist, parsePlaylist, renderPlaylist } from './hls/m3u8';
export { type SegmentIdentity, segmentBody, segmentSize, verifySegmentBody } from './hls/segment-bytes';
export { DEFAULT_STREAM_SETTINGS, type RestartNumbering, SimStream, type StreamSettings } from './hls/stream';
export { AUTH_HEADER, type StreamAccess, StreamRegistry, signToken, tokenValid } from './hls/streams';
export { Ledger, type LedgerReport, type SegmentRecord } from './ledger';
export { generateChannels, startLives } from './population';
export {
  type Departure,
  type FleetOptions,
  NodeFleet,
  type NodeSpec,
  nodeSpecs,
  type RecnodeRedisOptions,
} from './recnode/fleet';
export {
  buildLiveState,
  clearLive,
  type LiveStateInput,
  readLiveState,
  writeLiveState,
} from './recnode/live-state-writer';
export { type ForeignRecording, type NodeCondition, type NodeDeath, RecnodeNode } from './recnode/node';
export { NodeClock } from './recnode/node-clock';
export { DEFAULT_RECORDER_SETTINGS, type RecorderSettings } from './recnode/recorder';
export { type RecordingStart, StartLog } from './recnode/start-log';
export { type RedisReplica, startRedisReplica } from './redis-replica';
export { type Simulator, type SimulatorOptions, startSimulator } from './server';
export { StlinkAccess, type StlinkAccessRule, type StlinkRoute } from './stlink/stlink-access';
export { DEFAULT_UNTF_KEY, type Notification, UntfInbox } from './untf/untf-inbox';
export { type LiveSpec, type NewChannel, type SimChannel, type SimLive, World } from './world';
