import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import {
  CompactRange,
  consistencyProof,
  inclusionProof,
  leafHash,
  MemoryTree,
  parseHex,
  rootHashAt,
  toHex,
} from '../../transparency';
import { logVerifyCommand } from './log-verify';

// Offline tools over a leaves file: one leaf per line as the hex of the entry's bytes (the leaf
// data D[i] of RFC 9162 §2.1.1, not its leaf hash). The newline after the last leaf ends the
// list, so "aa\n\nbb\n" holds aa, the empty leaf, and bb; an empty file holds no leaves.

/** Parses the text of a leaves file; `source` names it in error messages. */
export function parseLeaves(text: string, source = 'leaves'): Uint8Array[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines.map((line, i) => {
    const leaf = parseHex(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (leaf === undefined)
      throw new Error(`${source}:${i + 1}: a leaf must be hex (an even number of 0-9a-f)`);
    return leaf;
  });
}

/** Reads and parses a leaves file. */
export function readLeavesFile(file: string): Uint8Array[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseLeaves(text, file);
}

/** The RFC 9162 §2.1.1 root of the leaves as lowercase hex. */
export function treeHashHex(leaves: readonly Uint8Array[]): string {
  const range = CompactRange.empty();
  for (const leaf of leaves) range.push(leafHash(leaf));
  return toHex(range.root());
}

/** What `log inclusion-proof` prints. */
export interface InclusionProofReport {
  readonly size: number;
  readonly root: string;
  readonly leaf_hash: string;
  readonly proof: readonly string[];
}

/** What `log consistency-proof` prints. */
export interface ConsistencyProofReport {
  readonly old_size: number;
  readonly size: number;
  readonly old_root: string;
  readonly root: string;
  readonly proof: readonly string[];
}

function treeOfSize(
  leaves: readonly Uint8Array[],
  size: number | undefined,
): { tree: MemoryTree; size: number } {
  const n = size ?? leaves.length;
  if (n > leaves.length) throw new Error(`size ${n} exceeds the ${leaves.length} leaves given`);
  return { tree: MemoryTree.fromLeafHashes(leaves.slice(0, n).map(leafHash)), size: n };
}

/** RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of the first `size` leaves (default: all). */
export async function inclusionProofReport(
  leaves: readonly Uint8Array[],
  index: number,
  size?: number,
): Promise<InclusionProofReport> {
  const { tree, size: n } = treeOfSize(leaves, size);
  if (index >= n) throw new Error(`index ${index} is out of range for a tree of ${n} leaves`);
  return {
    size: n,
    root: toHex(tree.root()),
    leaf_hash: toHex(leafHash(leaves[index]!)),
    proof: (await inclusionProof(tree, index, n)).map(toHex),
  };
}

/** RFC 9162 §2.1.4.1 consistency proof from the first `oldSize` leaves to the first `size` (default: all). */
export async function consistencyProofReport(
  leaves: readonly Uint8Array[],
  oldSize: number,
  size?: number,
): Promise<ConsistencyProofReport> {
  const { tree, size: n } = treeOfSize(leaves, size);
  if (oldSize > n) throw new Error(`old size ${oldSize} is larger than size ${n}`);
  if (oldSize < 1)
    throw new Error('old size must be at least 1 (RFC 9162 defines no proof from the empty tree)');
  return {
    old_size: oldSize,
    size: n,
    old_root: toHex(await rootHashAt(tree, oldSize)),
    root: toHex(tree.root()),
    proof: (await consistencyProof(tree, oldSize, n)).map(toHex),
  };
}

/** Formats a flat report as one line of JSON, `{"key": value, ...}`. */
export function formatReport(report: object): string {
  const fields = Object.entries(report).map(([key, value]) => {
    const text = Array.isArray(value)
      ? `[${value.map((v) => JSON.stringify(v)).join(', ')}]`
      : JSON.stringify(value);
    return `${JSON.stringify(key)}: ${text}`;
  });
  return `{${fields.join(', ')}}\n`;
}

const parseCount = (value: string): number => {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
};

function treeHashCommand(): Command {
  return new Command('tree-hash')
    .description('print the RFC 9162 Merkle tree hash (hex) of the leaves in FILE')
    .requiredOption('--leaves <file>', 'one hex-encoded leaf per line')
    .action((options: { leaves: string }) => {
      process.stdout.write(`${treeHashHex(readLeavesFile(options.leaves))}\n`);
    });
}

function inclusionProofCommand(): Command {
  return new Command('inclusion-proof')
    .description('print an RFC 9162 inclusion proof for one leaf as JSON')
    .requiredOption('--leaves <file>', 'one hex-encoded leaf per line')
    .requiredOption('--index <i>', 'zero-based index of the leaf', parseCount)
    .option('--size <n>', 'tree size (default: all leaves)', parseCount)
    .action(async (options: { leaves: string; index: number; size?: number }) => {
      const report = await inclusionProofReport(readLeavesFile(options.leaves), options.index, options.size);
      process.stdout.write(formatReport(report));
    });
}

function consistencyProofCommand(): Command {
  return new Command('consistency-proof')
    .description('print an RFC 9162 consistency proof between two tree sizes as JSON')
    .requiredOption('--leaves <file>', 'one hex-encoded leaf per line')
    .requiredOption('--old <m>', 'old tree size', parseCount)
    .option('--size <n>', 'new tree size (default: all leaves)', parseCount)
    .action(async (options: { leaves: string; old: number; size?: number }) => {
      const report = await consistencyProofReport(readLeavesFile(options.leaves), options.old, options.size);
      process.stdout.write(formatReport(report));
    });
}

/** `zutuan log ...`: transparency-log tools; each subcommand is built by its own function. */
export function logCommand(): Command {
  return new Command('log')
    .description('transparency log: Merkle tree hashes and proofs (RFC 9162), verifying a log')
    .addCommand(treeHashCommand())
    .addCommand(inclusionProofCommand())
    .addCommand(consistencyProofCommand())
    .addCommand(logVerifyCommand());
}
