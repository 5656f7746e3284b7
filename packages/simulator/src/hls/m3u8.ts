/**
 * The subset of HLS media playlists the simulator speaks: rendering for the origin and parsing for
 * the recorders. Segment numbers are `#EXT-X-MEDIA-SEQUENCE` plus the position, as in recnode, which
 * is why a stream that resets its sequence breaks the recorded numbering.
 */
import type { PlaylistEntry } from './stream';

export interface MediaPlaylist {
  targetDurationSec: number;
  mediaSequence: number;
  segments: Array<{ num: number; uri: string; durationSec: number }>;
  ended: boolean;
  /** A master playlist (variants, no segments); recnode refuses it. */
  master: boolean;
}

export function renderPlaylist(
  entries: PlaylistEntry[],
  targetDurationSec: number,
  discontinuity: number,
): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(targetDurationSec)}`,
    `#EXT-X-MEDIA-SEQUENCE:${entries[0]?.num ?? 0}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuity}`,
  ];
  for (const entry of entries) {
    lines.push(`#EXTINF:${entry.durationSec.toFixed(3)},`, `${entry.epoch}/${entry.num}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

export function parsePlaylist(text: string): MediaPlaylist {
  const lines = text.split('\n').map((l) => l.trim());
  if (lines[0] !== '#EXTM3U') throw new Error('not an m3u8 playlist');
  const playlist: MediaPlaylist = {
    targetDurationSec: 0,
    mediaSequence: 0,
    segments: [],
    ended: false,
    master: false,
  };
  let pendingDuration: number | null = null;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-TARGETDURATION:')) playlist.targetDurationSec = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) playlist.mediaSequence = Number(line.slice(22));
    else if (line.startsWith('#EXTINF:')) pendingDuration = Number.parseFloat(line.slice(8));
    else if (line === '#EXT-X-ENDLIST') playlist.ended = true;
    else if (line.startsWith('#EXT-X-STREAM-INF')) playlist.master = true;
    else if (line !== '' && !line.startsWith('#') && pendingDuration !== null) {
      playlist.segments.push({
        num: playlist.mediaSequence + playlist.segments.length,
        uri: line,
        durationSec: pendingDuration,
      });
      pendingDuration = null;
    }
  }
  if (!Number.isInteger(playlist.mediaSequence)) throw new Error('bad #EXT-X-MEDIA-SEQUENCE');
  return playlist;
}

/** The playlist, or null when the text is not one. */
export function tryParsePlaylist(text: string): MediaPlaylist | null {
  try {
    return parsePlaylist(text);
  } catch {
    return null;
  }
}
