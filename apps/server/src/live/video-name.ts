/**
 * The recording folder name, `yymmdd_HHMMSS`, which vodify parses back as a time. It is computed
 * in an explicit time zone (VIDEO_NAME_TIME_ZONE), never the server's local one (which the
 * original used, so a name's meaning depended on where the server ran).
 */
export function videoName(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}${get('month')}${get('day')}_${get('hour')}${get('minute')}${get('second')}`;
}
