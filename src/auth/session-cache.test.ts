import { describe, expect, it } from 'vitest';
import { noteAuthChange, SessionCache } from './session-cache';

const session = (userId: string) => ({
  lastSeenAt: new Date(0),
  expiresAt: new Date(0),
  userId,
  actor: {
    userId,
    programmeId: 'p',
    username: userId,
    displayName: userId,
    role: 'viewer' as const,
    organisationId: 'o',
    scopePath: '/o/',
    personId: null,
    locale: 'zh-CN' as const,
  },
});

function listeningCache(ttlMs = 30_000, max = 10_000) {
  const cache = new SessionCache(ttlMs, max);
  cache.setListening(true);
  return cache;
}

describe('SessionCache', () => {
  it('returns what it was given until the time to live runs out', () => {
    const cache = listeningCache(1000);
    cache.set('h1', session('u1'), cache.generation, 0);
    expect(cache.get('h1', 1000)?.userId).toBe('u1');
    expect(cache.get('h1', 1001)).toBeUndefined();
  });

  it('keeps nothing while it is not listening for announcements', () => {
    const cache = new SessionCache(30_000);
    cache.set('h1', session('u1'), cache.generation);
    expect(cache.get('h1')).toBeUndefined();
    cache.setListening(true);
    cache.set('h1', session('u1'), cache.generation);
    cache.setListening(false);
    expect(cache.get('h1')).toBeUndefined();
    cache.setListening(true);
    expect(cache.get('h1')).toBeUndefined(); // a lost subscription forgets everything
  });

  it('drops an ended session, every session of a changed account, or everything', () => {
    const cache = listeningCache();
    cache.set('a1', session('a'), cache.generation);
    cache.set('a2', session('a'), cache.generation);
    cache.set('b1', session('b'), cache.generation);
    cache.announce('s:a1');
    expect([cache.get('a1'), cache.get('a2')?.userId]).toEqual([undefined, 'a']);
    cache.announce('u:a');
    expect([cache.get('a2'), cache.get('b1')?.userId]).toEqual([undefined, 'b']);
    cache.announce('*');
    expect(cache.size).toBe(0);
  });

  it('does not store a lookup that began before an announcement', () => {
    const cache = listeningCache();
    const started = cache.generation;
    cache.announce('u:someone-else');
    cache.set('h1', session('u1'), started);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('forgets everything in every cache of the process when the process changes accounts', () => {
    const one = listeningCache();
    const two = listeningCache();
    one.set('h1', session('u1'), one.generation);
    two.set('h2', session('u2'), two.generation);
    noteAuthChange();
    expect([one.size, two.size]).toEqual([0, 0]);
    one.close();
    two.close();
  });

  it('stays within its size by dropping the oldest entry', () => {
    const cache = listeningCache(30_000, 2);
    for (const h of ['h1', 'h2', 'h3']) cache.set(h, session(h), cache.generation);
    expect([cache.get('h1'), cache.get('h2')?.userId, cache.get('h3')?.userId]).toEqual([
      undefined,
      'h2',
      'h3',
    ]);
  });
});
