import { describe, expect, it } from 'vitest';
import { videoName } from './video-name';

describe('video names', () => {
  it('are yymmdd_HHMMSS in the configured time zone, whatever the server runs in', () => {
    const at = new Date('2026-11-26T17:05:09.900Z');
    expect(videoName(at, 'Asia/Seoul')).toBe('261127_020509');
    expect(videoName(at, 'UTC')).toBe('261126_170509');
  });

  it('use a 24-hour clock with leading zeros', () => {
    expect(videoName(new Date('2026-01-02T00:00:00Z'), 'UTC')).toBe('260102_000000');
  });
});
