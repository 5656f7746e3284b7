/**
 * Whether stlink can open a channel's live right now, per route. Adult lives need `withAuth=true`
 * unless a rule says otherwise; soop's standby and geo-blocking are rules set by tests or the CLI.
 */
import type { PlatformName } from '@recflow/contracts';
import type { SimChannel } from '../world';

/** `default` is the single endpoint without `&proxy=`. */
export type StlinkRoute = 'default' | 'domestic' | 'overseas';

export type StlinkAccessRule =
  /** Open on every route, even for adult lives without auth. */
  | { mode: 'open' }
  /** Open only with `withAuth=true` (the default for adult lives). */
  | { mode: 'needs_auth' }
  /** soop "standby": the broadcast is announced but nothing can be opened yet. */
  | { mode: 'standby' }
  /** Not open through these routes (a geo-block), open through the others. */
  | { mode: 'blocked'; routes: StlinkRoute[] };

export class StlinkAccess {
  private readonly rules = new Map<string, StlinkAccessRule>();

  private key(platform: PlatformName, sourceId: string) {
    return `${platform}:${sourceId}`;
  }

  set(platform: PlatformName, sourceId: string, rule: StlinkAccessRule | null): void {
    if (rule) this.rules.set(this.key(platform, sourceId), rule);
    else this.rules.delete(this.key(platform, sourceId));
  }

  rule(channel: SimChannel): StlinkAccessRule {
    const explicit = this.rules.get(this.key(channel.platform, channel.sourceId));
    if (explicit) return explicit;
    return channel.live?.adult ? { mode: 'needs_auth' } : { mode: 'open' };
  }

  isOpen(channel: SimChannel, route: StlinkRoute, withAuth: boolean): boolean {
    if (!channel.live) return false;
    const rule = this.rule(channel);
    switch (rule.mode) {
      case 'open':
        return true;
      case 'needs_auth':
        return withAuth;
      case 'standby':
        return false;
      case 'blocked':
        return !rule.routes.includes(route);
    }
  }

  reset(): void {
    this.rules.clear();
  }
}
