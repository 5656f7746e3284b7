/**
 * stlink's wire contract: it resolves a live channel to its best media playlist and what it takes
 * to fetch it.
 */
import { z } from 'zod';
import { StreamHeaders, StreamParams } from './recnode';

/** The regional route a request goes through: `&proxy=` on the single endpoint, or its own endpoint. */
export const StlinkProxy = z.enum(['domestic', 'overseas']);
export type StlinkProxy = z.infer<typeof StlinkProxy>;

/** The path under an stlink endpoint; the query is `fields=best,headers[&withAuth=true][&proxy=…]`. */
export const stlinkStreamPath = (platform: string, channelUid: string) =>
  `/api/streams/${encodeURIComponent(platform)}/${encodeURIComponent(channelUid)}`;

export const StlinkBest = z.object({
  /** The stream type, e.g. `hls`. */
  type: z.string(),
  /** The quality name, e.g. `1080p`. */
  name: z.string(),
  mediaPlaylistUrl: z.url(),
  /** Query parameters every segment URL must carry; recnode fetches the playlist itself without them. */
  params: StreamParams.nullish(),
});
export type StlinkBest = z.infer<typeof StlinkBest>;

/**
 * `GET {endpoint}/api/streams/{platform}/{channelUid}?fields=best,headers`. `openLive: false`
 * means "not accessible now, try again later" (adult without auth, soop standby), not "ended";
 * `best` and `headers` come only when it is open and were asked for in `fields`.
 */
export const StlinkStream = z.object({
  openLive: z.boolean(),
  best: StlinkBest.nullish(),
  headers: StreamHeaders.nullish(),
});
export type StlinkStream = z.infer<typeof StlinkStream>;
