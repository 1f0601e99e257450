import { TransparencyError } from './errors';
import { emptyRootHash, HASH_SIZE, nodeHash } from './hash';
import { consistencyPlan, inclusionPlan, type ProofPlan, rootPlan } from './proof-plan';
import { type NodeId, requireSize } from './tree-math';

/**
 * Read access to a log's stored perfect subtrees, whatever holds them (memory, a database).
 * Only complete subtrees exist: (level, index) is readable when (index + 1)·2^level ≤ leafCount().
 */
export interface TreeReader {
  /** Number of leaves stored. */
  leafCount(): number;
  /** Hash of the perfect subtree over leaves [index·2^level, (index+1)·2^level). */
  nodeHash(level: number, index: number): Promise<Uint8Array>;
  /** Optional batch read (one round trip); hashes in the order of `ids`. */
  nodeHashes?(ids: readonly NodeId[]): Promise<readonly Uint8Array[]>;
}

/** Folds perfect-subtree hashes, leftmost first, into the MTH of their range (RFC 9162 §2.1.1). */
export function foldSubtrees(hashes: readonly Uint8Array[]): Uint8Array {
  let acc = hashes[hashes.length - 1];
  if (acc === undefined) return emptyRootHash();
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/** Reads every node a plan names (each once, in one batch when the reader offers it) and folds each element. */
export async function resolvePlan(reader: TreeReader, plan: ProofPlan): Promise<Uint8Array[]> {
  const unique = new Map<string, NodeId>();
  for (const id of plan.flat()) unique.set(`${id.level}:${id.index}`, id);
  const ids = [...unique.values()];
  const hashes = reader.nodeHashes
    ? await reader.nodeHashes(ids)
    : await Promise.all(ids.map((id) => reader.nodeHash(id.level, id.index)));
  const byKey = new Map<string, Uint8Array>();
  ids.forEach((id, i) => {
    const hash = hashes[i];
    if (hash?.byteLength !== HASH_SIZE) {
      throw new TransparencyError(
        'inconsistent_storage',
        `node (${id.level}, ${id.index}) is missing or malformed`,
      );
    }
    byKey.set(`${id.level}:${id.index}`, hash);
  });
  return plan.map((element) => foldSubtrees(element.map((id) => byKey.get(`${id.level}:${id.index}`)!)));
}

/** MTH(D[0:size]) (RFC 9162 §2.1.1) from stored subtrees; size defaults to the whole log. */
export async function rootHashAt(reader: TreeReader, size = reader.leafCount()): Promise<Uint8Array> {
  requireSize('tree size', size, 0, reader.leafCount());
  const [root] = await resolvePlan(reader, [rootPlan(size)]);
  return root!;
}

/** RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export async function inclusionProof(
  reader: TreeReader,
  index: number,
  size = reader.leafCount(),
): Promise<Uint8Array[]> {
  requireSize('tree size', size, 1, reader.leafCount());
  return resolvePlan(reader, inclusionPlan(index, size));
}

/** RFC 9162 §2.1.4.1 consistency proof from the tree of `oldSize` leaves to that of `size`. */
export async function consistencyProof(
  reader: TreeReader,
  oldSize: number,
  size = reader.leafCount(),
): Promise<Uint8Array[]> {
  requireSize('tree size', size, 1, reader.leafCount());
  return resolvePlan(reader, consistencyPlan(oldSize, size));
}
