/**
 * The HLS origin: live media playlists and segment bytes of the simulated streams. The playlist
 * demands stlink's `headers`; segments demand the headers and a valid, unexpired `token` from
 * stlink's `params`, which recnode puts on segment URLs only. A segment is served only while it is
 * at most `retentionMs` out of the playlist.
 */
import type { Clock } from '../clock';
import { type Handler, type Request, type Router, sendText } from '../http';
import { renderPlaylist } from './m3u8';
import { segmentBody } from './segment-bytes';
import type { SimStream } from './stream';
import { AUTH_HEADER, type StreamRegistry, tokenValid } from './streams';

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const SEGMENT_FILE = /^(\d+)\.ts$/;

function hasAuthHeader(stream: SimStream, req: Request): boolean {
  return !stream.settings.requireHeaders || req.headers[AUTH_HEADER.toLowerCase()] === stream.authHeader;
}

export function originRoutes(router: Router, streams: StreamRegistry, clock: Clock): Router {
  router.on('GET', '/hls/:key/playlist.m3u8', (req, res) => {
    const stream = streams.byKey(req.params.key!);
    if (!stream) return sendText(res, 404, 'no such stream');
    if (stream.dropped) return sendText(res, stream.dropped, 'stream gone');
    if (!hasAuthHeader(stream, req)) return sendText(res, 403, `missing or wrong ${AUTH_HEADER} header`);
    const text = renderPlaylist(
      stream.window(clock.now()),
      stream.settings.segmentDurationMs / 1000,
      stream.discontinuitySequence,
    );
    sendText(res, 200, text, PLAYLIST_TYPE);
  });

  const segment: Handler = (req, res) => {
    const stream = streams.byKey(req.params.key!);
    const file = SEGMENT_FILE.exec(req.params.file!);
    const epoch = Number(req.params.epoch);
    if (!stream || !file || !Number.isInteger(epoch)) return sendText(res, 404, 'no such segment');
    if (!hasAuthHeader(stream, req)) return sendText(res, 403, `missing or wrong ${AUTH_HEADER} header`);
    const now = clock.now();
    if (stream.settings.requireParams && !req.query.getAll('token').some((t) => tokenValid(stream, t, now)))
      return sendText(res, 403, 'missing, wrong or expired token parameter');
    const num = Number(file[1]);
    if (!stream.hasSegment(epoch, num, now)) return sendText(res, 404, 'no such segment');
    if (stream.takeFailure(epoch, num)) return sendText(res, 503, 'simulated segment failure');
    const body = segmentBody({ streamKey: stream.key, epoch, num });
    res.writeHead(200, { 'content-type': 'video/mp2t', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  router.on('GET', '/hls/:key/:epoch/:file', segment);
  router.on('HEAD', '/hls/:key/:epoch/:file', segment);
  return router;
}
