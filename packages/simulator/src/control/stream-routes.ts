/**
 * Control of the simulated streams (HLS origin) and of stlink's view of them, per channel's
 * current broadcast: `/control/channels/{platform}/{sourceId}/stream[/...]` and `.../stlink`.
 */
import { PlatformName } from '@recflow/contracts';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { StreamRegistry } from '../hls/streams';
import { HttpError, type Router, sendJson } from '../http';
import type { StlinkAccess } from '../stlink/stlink-access';
import type { World } from '../world';
import { parse } from './parse';

const StreamPatch = z
  .object({
    segmentDurationMs: z.number().int().min(10),
    window: z.number().int().min(1),
    requireParams: z.boolean(),
    requireHeaders: z.boolean(),
  })
  .partial();

const RestartBody = z.object({ numbering: z.enum(['reset', 'continue']).default('reset') });
const DropBody = z.object({ status: z.union([z.literal(404), z.literal(410)]).default(404) });
const FailSegmentBody = z.object({ num: z.number().int(), times: z.number().int().min(1).default(1) });

const Route = z.enum(['default', 'domestic', 'overseas']);
const AccessBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('open') }),
  z.object({ mode: z.literal('needs_auth') }),
  z.object({ mode: z.literal('standby') }),
  z.object({ mode: z.literal('blocked'), routes: z.array(Route).min(1) }),
  z.object({ mode: z.literal('auto') }),
]);

export function streamRoutes(
  router: Router,
  world: World,
  streams: StreamRegistry,
  access: StlinkAccess,
  clock: Clock,
): Router {
  const base = '/control/channels/:platform/:sourceId';
  const streamOf = (params: Record<string, string>) => {
    const platform = parse(PlatformName, params.platform);
    const channel = world.channel(platform, params.sourceId!);
    if (!channel) throw new HttpError(404, 'no such channel');
    if (!channel.live) throw new HttpError(409, 'the channel is not live');
    return { platform, sourceId: channel.sourceId };
  };
  const describe = (platform: PlatformName, sourceId: string) => {
    const stream = streams.of(platform, sourceId);
    const window = stream.window(clock.now());
    return {
      ...streams.access(stream),
      key: stream.key,
      epoch: stream.epoch,
      stale: stream.isStale,
      dropped: stream.dropped,
      settings: stream.settings,
      latest: window[window.length - 1]?.num ?? null,
    };
  };

  router.on('GET', `${base}/stream`, (req, res) => {
    const { platform, sourceId } = streamOf(req.params);
    sendJson(res, 200, describe(platform, sourceId));
  });
  router.on('PATCH', `${base}/stream`, (req, res) => {
    const { platform, sourceId } = streamOf(req.params);
    streams.configure(platform, sourceId, parse(StreamPatch, req.body));
    sendJson(res, 200, describe(platform, sourceId));
  });
  router.on('POST', `${base}/stream/restart`, (req, res) => {
    const { platform, sourceId } = streamOf(req.params);
    streams.restart(platform, sourceId, parse(RestartBody, req.body).numbering);
    sendJson(res, 200, describe(platform, sourceId));
  });
  router.on('POST', `${base}/stream/stale`, (req, res) => {
    const { platform, sourceId } = streamOf(req.params);
    streams.goStale(platform, sourceId);
    sendJson(res, 200, describe(platform, sourceId));
  });
  router.on('POST', `${base}/stream/resume`, (req, res) => {
    const { platform, sourceId } = streamOf(req.params);
    streams.resume(platform, sourceId);
    streams.drop(platform, sourceId, null);
    sendJson(res, 200, describe(platform, sourceId));
  });
  router.on('POST', `${base}/stream/drop`, (req, res) => {
    const { platform, sourceId } = streamOf(req.params);
    streams.drop(platform, sourceId, parse(DropBody, req.body).status);
    sendJson(res, 200, describe(platform, sourceId));
  });
  router.on('POST', `${base}/stream/fail-segment`, (req, res) => {
    const { platform, sourceId } = streamOf(req.params);
    const { num, times } = parse(FailSegmentBody, req.body);
    streams.of(platform, sourceId).failSegment(num, times);
    sendJson(res, 200, describe(platform, sourceId));
  });
  router.on('PUT', `${base}/stlink`, (req, res) => {
    const platform = parse(PlatformName, req.params.platform);
    const channel = world.channel(platform, req.params.sourceId!);
    if (!channel) throw new HttpError(404, 'no such channel');
    const rule = parse(AccessBody, req.body);
    access.set(platform, channel.sourceId, rule.mode === 'auto' ? null : rule);
    sendJson(res, 200, access.rule(channel));
  });
  return router;
}
