/** The control API: tests, the CLI and the demo change the simulated world through it. */
import { PlatformName } from '@recflow/contracts';
import { z } from 'zod';
import type { Faults } from '../faults';
import { HttpError, Router, sendJson } from '../http';
import type { World } from '../world';

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

const FaultBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('status'), status: z.number().int().min(100).max(599) }),
  z.object({ mode: z.literal('garbage') }),
  z.object({ mode: z.literal('wrong_shape') }),
  z.object({ mode: z.literal('hang') }),
  z.object({ mode: z.literal('slow'), delayMs: z.number().int().min(0) }),
]);

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success)
    throw new HttpError(400, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

export function controlRoutes(router: Router, world: World, faults: Faults): Router {
  const channelOf = (params: Record<string, string>) => {
    const platform = parse(PlatformName, params.platform);
    return { platform, sourceId: params.sourceId! };
  };

  router.on('GET', '/control/state', (_req, res) => {
    sendJson(res, 200, {
      channels: world.allChannels().length,
      live: world.liveChannels().length,
      faults: { streamq: faults.streamq },
    });
  });
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
  router.on('DELETE', '/control/faults', (_req, res) => {
    faults.reset();
    sendJson(res, 200, { reset: true });
  });
  return router;
}
