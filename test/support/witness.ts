import { expect } from 'vitest';
import type { LogEntry } from '../../src/transparency/entry';
import type { TestApp } from './app';
import { ids } from './fixture';

/**
 * Readers and actions the witnessing tests share: the fixture programme's log (size and entries
 * over HTTP) and a witness request's detail, attestation and dispute as a user. `app` is read at
 * call time, so a test file can build these before its beforeAll starts the app.
 */
export function witnessHelpers(app: () => TestApp) {
  const logSize = async () =>
    Number(
      (
        await app()
          .database.db.selectFrom('log_heads')
          .select('size')
          .where('programme_id', '=', ids.programme)
          .executeTakeFirst()
      )?.size ?? 0,
    );
  /** Log entries [start, end) as served by /api/log/entries, with their parsed JSON. */
  const entries = async (start: number, end?: number) => {
    const res = await app().request('GET', `/api/log/entries?start=${start}&end=${end ?? (await logSize())}`);
    return (res.json().entries as { index: number; entry: string }[]).map((e) => ({
      index: e.index,
      text: e.entry,
      entry: JSON.parse(e.entry) as LogEntry,
    }));
  };
  const detail = async (id: string, as = 'commander') =>
    (await app().request('GET', `/api/witness/${id}`, { as })).json();
  /** Attests (or disputes, with a reason) as `as`, expecting success; returns the request. */
  const attest = async (id: string, as: string) => {
    const res = await app().request('POST', `/api/witness/${id}/attest`, { as, body: {} });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const dispute = async (id: string, as: string, reason: string) => {
    const res = await app().request('POST', `/api/witness/${id}/dispute`, { as, body: { reason } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  return { logSize, entries, detail, attest, dispute };
}
