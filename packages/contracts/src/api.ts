/** Every REST route of recflow, by domain. The OpenAPI document is generated from this object. */

import { auditRoutes } from './audit';
import { channelRoutes, gradeRoutes, platformRoutes, tagRoutes } from './channel.routes';
import { criterionRoutes } from './criterion';
import { finishRoutes } from './finish';
import { healthRoutes } from './health';
import { liveRoutes } from './live';
import { nodeGroupRoutes, nodeRoutes } from './node';
import { recordingRoutes } from './recording';
import { taskRoutes } from './task';

export const api = {
  health: healthRoutes,
  platforms: platformRoutes,
  grades: gradeRoutes,
  tags: tagRoutes,
  channels: channelRoutes,
  audit: auditRoutes,
  criteria: criterionRoutes,
  finishEvents: finishRoutes,
  lives: liveRoutes,
  nodeGroups: nodeGroupRoutes,
  nodes: nodeRoutes,
  recordings: recordingRoutes,
  tasks: taskRoutes,
} as const;

export const API_TITLE = 'recflow API';
