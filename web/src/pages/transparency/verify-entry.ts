import { fromHex, leafHashOf, parseCheckpoint, toHex, verifyInclusion } from './merkle';
import { openSignedNote, parseVerifierKey } from './note';

export type EntryVerification =
  | {
      ok: true;
      index: number;
      size: number;
      root: string;
      entry: string;
      key: { name: string; keyId: string };
    }
  | { ok: false; index: number; reason: 'bad_signature' | 'not_included' | 'unavailable' };

const get = async (url: string) => {
  const res = await fetch(url, { headers: { accept: 'application/json, text/plain' } });
  if (!res.ok) throw new Error(`${res.status}`);
  return res;
};

/**
 * Checks in the browser that log entry `index` is in the latest checkpoint's tree: reads the
 * log's verifier key and the checkpoint and checks its Ed25519 signature (the page shows the key,
 * to compare with the one published elsewhere), then the entry's own text (hashed here, not
 * trusting the server's leaf hash) and the inclusion proof, and runs RFC 9162 §2.1.3.2.
 */
export async function verifyEntry(index: number, programme?: string): Promise<EntryVerification> {
  const q = programme ? `&programme=${encodeURIComponent(programme)}` : '';
  try {
    const key = await parseVerifierKey(await (await get('/api/log/key')).text());
    const signed = await openSignedNote(await (await get(`/api/log/checkpoint?${q.slice(1)}`)).text(), key);
    if (signed === null) return { ok: false, index, reason: 'bad_signature' };
    const checkpoint = parseCheckpoint(signed);
    const entries = (await (await get(`/api/log/entries?start=${index}&end=${index + 1}${q}`)).json()) as {
      entries: { index: number; entry: string }[];
    };
    const entry = entries.entries[0]?.entry;
    if (entry === undefined) return { ok: false, index, reason: 'unavailable' };
    const proof = (await (
      await get(`/api/log/proof/inclusion?index=${index}&size=${checkpoint.size}${q}`)
    ).json()) as { proof: string[] };
    const included = await verifyInclusion(
      index,
      checkpoint.size,
      await leafHashOf(entry),
      proof.proof.map(fromHex),
      checkpoint.rootHash,
    );
    if (!included) return { ok: false, index, reason: 'not_included' };
    return {
      ok: true,
      index,
      size: checkpoint.size,
      root: toHex(checkpoint.rootHash),
      entry,
      key: { name: key.name, keyId: key.keyId },
    };
  } catch {
    return { ok: false, index, reason: 'unavailable' };
  }
}
