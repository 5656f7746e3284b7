/**
 * streamq's routes as recflow calls them: channel info per platform and the live searches
 * criteria run (by tag and keyword on both platforms, by watch party on chzzk, by category on
 * soop). Answers are rendered by streamq-shapes, which decides per channel and live which form
 * each optional field and count takes.
 */
import type { PlatformName } from '@recflow/contracts';
import { applyFault, type Faults } from '../faults';
import { HttpError, Router, sendJson } from '../http';
import type { SimChannel, World } from '../world';
import { chzzkChannel, chzzkLive, soopChannel, soopLive } from './streamq-shapes';

function platformOf(value: string | undefined): PlatformName {
  if (value === 'chzzk' || value === 'soop') return value;
  throw new HttpError(404, `unknown platform ${value}`);
}

function sizeOf(query: URLSearchParams): number {
  const size = Number(query.get('size') ?? '20');
  return Number.isInteger(size) && size > 0 ? size : 20;
}

function search(world: World, platform: PlatformName, size: number, keep: (c: SimChannel) => boolean) {
  const found = world
    .liveChannels(platform)
    .filter(keep)
    .sort((a, b) => b.live!.viewers - a.live!.viewers)
    .slice(0, size);
  return found.map((c) => (platform === 'chzzk' ? chzzkLive(c, c.live!) : soopLive(c, c.live!)));
}

export function streamqRoutes(router: Router, world: World, faults?: Faults): Router {
  router.on('GET', '/api/:platform/channels/v1/:sourceId', (req, res) => {
    const platform = platformOf(req.params.platform);
    const channel = world.channel(platform, req.params.sourceId!);
    if (!channel) throw new HttpError(404, 'channel not found');
    const withLive = req.query.get('hasLiveInfo') === 'true';
    sendJson(
      res,
      200,
      platform === 'chzzk' ? chzzkChannel(channel, withLive) : soopChannel(channel, withLive),
    );
  });

  const liveSearch = (
    platform: PlatformName,
    kind: string,
    param: string,
    keep: (c: SimChannel, v: string) => boolean,
  ) =>
    router.on('GET', `/api/${platform}/lives/v1/${kind}`, async (req, res) => {
      const value = req.query.get(param);
      if (!value) throw new HttpError(400, `${param} is required`);
      const fault = faults?.searches.get(value);
      if (fault && (await applyFault(fault, res))) return;
      sendJson(
        res,
        200,
        search(world, platform, sizeOf(req.query), (c) => keep(c, value)),
      );
    });

  const byTag = (c: SimChannel, v: string) => c.live!.tags.includes(v);
  const byKeyword = (c: SimChannel, v: string) => c.live!.title.includes(v);
  const byCategory = (c: SimChannel, v: string) =>
    c.live!.category !== null && c.live!.category === Number(v);
  liveSearch('chzzk', 'tag', 'tag', byTag);
  liveSearch('chzzk', 'keyword', 'keyword', byKeyword);
  liveSearch('chzzk', 'watchparty', 'watchPartyNo', byCategory);
  liveSearch('soop', 'tag', 'tag', byTag);
  liveSearch('soop', 'keyword', 'keyword', byKeyword);
  liveSearch('soop', 'category', 'cateNo', byCategory);
  return router;
}
