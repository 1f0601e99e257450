import type { Actor } from './actor';

/**
 * A per-process cache of what a session token resolves to, so an authenticated request costs
 * no database round trip for its session (bench/api-write.ts: the lookup was one of the two
 * round trips of every write).
 *
 * It is only trusted while the process listens on `zutuan_auth` (migration 0014): triggers
 * announce every ended session, changed account and moved organisation at commit, and the
 * cache drops what they name. When the subscription is lost the cache empties and stays off
 * until it is back, so no announcement can be missed unnoticed. Entries also expire after
 * `ttlMs`, and a lookup that started before an announcement never stores its (maybe stale)
 * answer: each announcement bumps a generation that the lookup compares.
 *
 * What remains is the delivery delay between processes: another process may accept a session
 * for the few milliseconds between the commit that ended it and the announcement's arrival.
 * Changes made by this process take effect at once (`noteAuthChange`).
 */
export type CachedSession = {
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  /** The resolved actor, as resolveSession returns it. */
  actor: Actor;
};

type Entry = CachedSession & { cachedAt: number };

const caches = new Set<SessionCache>();

/** This process changed a session, account or organisation: forget everything cached, now. */
export function noteAuthChange(): void {
  for (const cache of caches) cache.announce('*');
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private listening = false;
  private gen = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    caches.add(this);
  }

  /** The generation a lookup must pass back to `set`; any announcement in between voids it. */
  get generation(): number {
    return this.gen;
  }

  get(tokenHash: string, now = Date.now()): CachedSession | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.cachedAt > this.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, session: CachedSession, generation: number, now = Date.now()): void {
    if (!this.listening || generation !== this.gen) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { ...session, cachedAt: now });
  }

  /** An announcement: 's:<token hash>', 'u:<user id>' or '*'. */
  announce(payload: string): void {
    this.gen++;
    if (payload.startsWith('s:')) this.entries.delete(payload.slice(2));
    else if (payload.startsWith('u:')) {
      const userId = payload.slice(2);
      for (const [hash, entry] of this.entries) if (entry.userId === userId) this.entries.delete(hash);
    } else this.entries.clear();
  }

  /** The subscription came up or went down: either way, start from nothing. */
  setListening(listening: boolean): void {
    this.gen++;
    this.listening = listening;
    this.entries.clear();
  }

  /** Stops taking part in noteAuthChange (the app closed). */
  close(): void {
    this.setListening(false);
    caches.delete(this);
  }

  get size(): number {
    return this.entries.size;
  }
}
