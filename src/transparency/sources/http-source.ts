import { parseHex } from '../bytes';
import type { LogSource, SourcedEntry } from '../verify-log';

const PAGE = 1000;

/** A log served over HTTP by a Zutuan server (`/api/log/...`), read with fetch. */
export function httpLogSource(
  serverUrl: string,
  options: { programme?: string; fetch?: typeof fetch } = {},
): LogSource & { verifierKey(): Promise<string> } {
  const doFetch = options.fetch ?? fetch;
  const url = (path: string, query: Record<string, number | undefined> = {}) => {
    const u = new URL(path, serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    if (options.programme) u.searchParams.set('programme', options.programme);
    return u;
  };
  // Waits out the server's rate limit (Retry-After) rather than failing a long verification.
  const get = async (u: URL): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const res = await doFetch(u);
      if (res.status !== 429 || attempt >= 10) {
        if (!res.ok) throw new Error(`GET ${u.pathname}${u.search}: HTTP ${res.status} ${await res.text()}`);
        return res;
      }
      const seconds = Number(res.headers.get('retry-after') ?? '1');
      await new Promise((r) => setTimeout(r, 1000 * (Number.isFinite(seconds) ? seconds : 1)));
    }
  };
  const hashes = (texts: readonly (string | null)[], what: string) =>
    texts.map((t) => {
      const bytes = t === null ? undefined : parseHex(t);
      if (t !== null && bytes === undefined) throw new Error(`${what}: not hex`);
      return bytes ?? null;
    });

  return {
    verifierKey: async () => (await (await get(url('api/log/key'))).text()).trim(),
    checkpoint: async () => (await get(url('api/log/checkpoint'))).text(),
    entries: async (start, end) => {
      const res = await get(url('api/log/entries', { start, end: Math.min(end, start + PAGE) }));
      const body = (await res.json()) as {
        entries: { index: number; entry: string; leafHash: string | null }[];
      };
      return body.entries.map(
        (e): SourcedEntry => ({
          index: e.index,
          entry: e.entry,
          leafHashes: hashes([e.leafHash], 'leafHash'),
        }),
      );
    },
    consistencyProof: async (old, size) => {
      const res = await get(url('api/log/proof/consistency', { old, size }));
      const body = (await res.json()) as { proof: string[] };
      return hashes(body.proof, 'proof').map((h) => h ?? new Uint8Array(0));
    },
  };
}
