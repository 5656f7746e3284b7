/**
 * stlink as recflow calls it: `GET {endpoint}/api/streams/{platform}/{channelUid}?fields=best,headers
 * [&withAuth=true][&proxy=domestic|overseas]`. The single endpoint is the server's root; the
 * regional endpoints are `/stlink/domestic` and `/stlink/overseas` under it, so STLINK_ENDPOINT,
 * STLINK_ENDPOINT_DOMESTIC and STLINK_ENDPOINT_OVERSEAS can all point at one simulator.
 */
import type { StlinkStream } from '@recflow/contracts';
import type { StreamRegistry } from '../hls/streams';
import { type Handler, HttpError, type Request, type Router, sendJson } from '../http';
import type { World } from '../world';
import type { StlinkAccess, StlinkRoute } from './stlink-access';

function routeOf(req: Request): StlinkRoute {
  const region = req.params.region ?? req.query.get('proxy');
  if (region === null || region === undefined) return 'default';
  if (region === 'domestic' || region === 'overseas') return region;
  throw new HttpError(400, `unknown proxy ${region}`);
}

export function stlinkRoutes(
  router: Router,
  world: World,
  streams: StreamRegistry,
  access: StlinkAccess,
): Router {
  const answer: Handler = (req, res) => {
    const platform = req.params.platform;
    if (platform !== 'chzzk' && platform !== 'soop') throw new HttpError(404, `unknown platform ${platform}`);
    const channel = world.channel(platform, req.params.channelUid!);
    if (!channel) throw new HttpError(404, 'channel not found');
    const route = routeOf(req);
    if (!access.isOpen(channel, route, req.query.get('withAuth') === 'true')) {
      return sendJson(res, 200, { openLive: false } satisfies StlinkStream);
    }
    const fields = (req.query.get('fields') ?? '').split(',');
    const stream = streams.access(streams.of(platform, channel.sourceId));
    const body: StlinkStream = { openLive: true };
    if (fields.includes('best')) {
      body.best = {
        type: 'hls',
        name: '1080p',
        mediaPlaylistUrl: stream.url,
        ...(stream.params ? { params: stream.params } : {}),
      };
    }
    if (fields.includes('headers')) body.headers = stream.headers;
    sendJson(res, 200, body);
  };
  router.on('GET', '/api/streams/:platform/:channelUid', answer);
  router.on('GET', '/stlink/:region/api/streams/:platform/:channelUid', answer);
  return router;
}
