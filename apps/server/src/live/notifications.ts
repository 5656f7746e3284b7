/**
 * The untf messages of the live lifecycle, with the original's wording kept. The "no available
 * node" notice goes out once per live and broadcast, however many times the condition is seen (a
 * Redis SET NX marks it as sent).
 */
import { Injectable, Logger } from '@nestjs/common';
import type { LiveInfo } from '@recflow/contracts';
import { ServerRedis } from '../redis/server-redis';
import { Notifier } from '../upstream/untf/notifier';

const ONCE_TTL_SEC = 24 * 3600;

@Injectable()
export class Notifications {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly notifier: Notifier,
    private readonly redis: ServerRedis,
  ) {}

  recordingStarted(username: string, live: Pick<LiveInfo, 'viewCnt' | 'liveTitle'>): void {
    this.notifier.notify(`${username} (${live.viewCnt}): ${live.liveTitle}`);
  }

  /** A live of a notify-only grade: told once per broadcast, not recorded. */
  spotted(username: string, live: Pick<LiveInfo, 'viewCnt' | 'liveTitle' | 'type' | 'liveUid'>): void {
    const message = `${username} (${live.viewCnt}): ${live.liveTitle}`;
    void this.once(`notices:spotted:${live.type}:${live.liveUid}`, message).catch(() =>
      this.notifier.notify(message),
    );
  }

  finishFailed(liveId: string, reason: string): void {
    this.notifier.notify(`Failed to finish live: live_id=${liveId}, reason=${reason}`);
  }

  /**
   * A live was finished without every node having uploaded: what those nodes had not uploaded by
   * then may be missing from the recording.
   */
  finishGaveUp(liveId: string, nodes: string[]): void {
    this.notifier.notify(`Gave up waiting for uploads: live_id=${liveId}, nodes=${nodes.join(',')}`);
  }

  /** A recording's loss report found missing or still-retrying segments; sent once per live. */
  recordingLoss(details: string): void {
    this.notifier.notify(`Recording loss found: ${details}`);
  }

  /** recnode found the live invalid and it is restarted as a new record. */
  liveInvalid(username: string, liveTitle: string): void {
    this.notifier.notify(`Live is invalid: channel=${username}, title=${liveTitle}`);
  }

  nodeCordoned(name: string): void {
    this.notifier.notify(`Node ${name} is cordoned due to failure count exceeded threshold`);
  }

  noNode(username: string, live: Pick<LiveInfo, 'viewCnt' | 'liveTitle' | 'type' | 'liveUid'>): void {
    const message = `No available nodes for assignment: channel=${username}, views=${live.viewCnt}, title=${live.liveTitle}`;
    void this.once(`notices:no-node:${live.type}:${live.liveUid}`, message).catch((error: Error) => {
      this.logger.warn(`notice dedupe failed (${error.message}); sending anyway`);
      this.notifier.notify(message);
    });
  }

  private async once(key: string, message: string): Promise<void> {
    const first = await this.redis.client.set(key, '1', 'EX', ONCE_TTL_SEC, 'NX');
    if (first === 'OK') this.notifier.notify(message);
  }
}
