/**
 * The control API for the platforms: channels and lives (streamq's world) and the faults of the
 * shared services. Tests, the CLI and the demo change the simulated world through it.
 */
import { PlatformName } from '@recflow/contracts';
import { z } from 'zod';
import type { Faults } from '../faults';
import { HttpError, Router, sendJson } from '../http';
import type { World } from '../world';
import { FaultBody, parse } from './parse';

const NewChannelBody = z.object({
  platform: PlatformName,
  sourceId: z.string().min(1),
  username: z.string().min(1),
  profileImgUrl: z.string().nullable().optional(),
  followerCnt: z.number().int().min(0).optional(),
});

const LiveBody = z
  .object({
    title: z.string(),
    viewers: z.number().int().min(0),
    tags: z.array(z.string()),
    category: z.number().int().nullable(),
    adult: z.boolean(),
  })
  .partial();

/**
 * @param recflowEnv the settings that point recflow at this simulator (printed by the CLI too).
 */
export function controlRoutes(
  router: Router,
  world: World,
  faults: Faults,
  recflowEnv: () => Record<string, string>,
): Router {
  const channelOf = (params: Record<string, string>) => {
    const platform = parse(PlatformName, params.platform);
    return { platform, sourceId: params.sourceId! };
  };

  router.on('GET', '/control/state', (_req, res) => {
    sendJson(res, 200, {
      channels: world.allChannels().length,
      live: world.liveChannels().length,
      faults: { streamq: faults.streamq, stlink: faults.stlink, untf: faults.untf },
      memoryMb: Object.fromEntries(
        Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1024 / 1024)]),
      ),
    });
  });
  router.on('GET', '/control/config', (_req, res) => sendJson(res, 200, recflowEnv()));
  router.on('POST', '/control/channels', (req, res) => {
    const specs = Array.isArray(req.body) ? req.body : [req.body];
    const created = specs.map((s) => world.addChannel(parse(NewChannelBody, s)));
    sendJson(res, 201, { created: created.length });
  });
  router.on('GET', '/control/channels/:platform/:sourceId', (req, res) => {
    const { platform, sourceId } = channelOf(req.params);
    const channel = world.channel(platform, sourceId);
    if (!channel) throw new HttpError(404, 'no such channel');
    sendJson(res, 200, channel);
  });
  router.on('POST', '/control/channels/:platform/:sourceId/live', (req, res) => {
    const { platform, sourceId } = channelOf(req.params);
    sendJson(res, 201, world.startLive(platform, sourceId, parse(LiveBody, req.body)));
  });
  router.on('PATCH', '/control/channels/:platform/:sourceId/live', (req, res) => {
    const { platform, sourceId } = channelOf(req.params);
    sendJson(res, 200, world.updateLive(platform, sourceId, parse(LiveBody, req.body)));
  });
  router.on('POST', '/control/channels/:platform/:sourceId/live/restart', (req, res) => {
    const { platform, sourceId } = channelOf(req.params);
    sendJson(res, 200, world.restartLive(platform, sourceId));
  });
  router.on('DELETE', '/control/channels/:platform/:sourceId/live', (req, res) => {
    const { platform, sourceId } = channelOf(req.params);
    world.endLive(platform, sourceId);
    sendJson(res, 200, { ended: true });
  });
  router.on('PUT', '/control/faults/streamq', (req, res) => {
    faults.streamq = parse(FaultBody, req.body);
    sendJson(res, 200, faults.streamq);
  });
  router.on('PUT', '/control/faults/untf', (req, res) => {
    faults.untf = parse(FaultBody, req.body);
    sendJson(res, 200, faults.untf);
  });
  router.on('PUT', '/control/faults/stlink', (req, res) => {
    faults.stlink = parse(FaultBody, req.body);
    sendJson(res, 200, faults.stlink);
  });
  router.on('DELETE', '/control/faults', (_req, res) => {
    faults.reset();
    sendJson(res, 200, { reset: true });
  });
  return router;
}
