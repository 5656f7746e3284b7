/**
 * Control of what detection sees and does, for tests and benchmarks: broadcasts scheduled to go on
 * air later, when nodes were asked to record each broadcast, and faults of single streamq live
 * searches (by the searched value), so one search can fail while the others answer.
 */
import { PlatformName } from '@recflow/contracts';
import { z } from 'zod';
import type { BroadcastSchedule } from '../broadcast-schedule';
import type { Faults } from '../faults';
import { type Router, sendJson } from '../http';
import type { StartLog } from '../recnode/start-log';
import { FaultBody, parse } from './parse';

const ScheduleBody = z.array(
  z.object({
    platform: PlatformName,
    sourceId: z.string().min(1),
    inMs: z.number().int().min(0),
    live: z
      .object({
        title: z.string(),
        viewers: z.number().int().min(0),
        tags: z.array(z.string()),
        category: z.number().int().nullable(),
        adult: z.boolean(),
      })
      .partial()
      .optional(),
  }),
);

const SearchFaultBody = z.object({ value: z.string().min(1), fault: FaultBody });

export function detectionRoutes(
  router: Router,
  schedule: BroadcastSchedule,
  starts: StartLog,
  faults: Faults,
): Router {
  router.on('POST', '/control/broadcasts', (req, res) => {
    sendJson(res, 201, { scheduled: schedule.plan(parse(ScheduleBody, req.body)) });
  });
  /** Every scheduled broadcast with the first start request a node received for it. */
  router.on('GET', '/control/broadcasts', (_req, res) => {
    const first = starts.firstByBroadcast();
    sendJson(
      res,
      200,
      schedule.list().map((b) => {
        const start = b.liveUid ? first.get(`${b.platform}:${b.liveUid}`) : undefined;
        return {
          ...b,
          firstStart: start
            ? { node: start.node, recordId: start.recordId, receivedAt: start.receivedAt }
            : null,
          delayMs: start && b.startedAt !== null ? start.receivedAt - b.startedAt : null,
        };
      }),
    );
  });
  router.on('DELETE', '/control/broadcasts', (_req, res) => {
    schedule.clear();
    sendJson(res, 200, { cleared: true });
  });
  router.on('GET', '/control/recording-starts', (_req, res) => sendJson(res, 200, starts.list()));
  router.on('PUT', '/control/faults/streamq/searches', (req, res) => {
    const { value, fault } = parse(SearchFaultBody, req.body);
    if (fault.mode === 'none') faults.searches.delete(value);
    else faults.searches.set(value, fault);
    sendJson(res, 200, Object.fromEntries(faults.searches));
  });
  return router;
}
