// The transparency log's pure core: RFC 9162 Merkle trees and proofs, log entries, and
// C2SP signed notes and checkpoints. No I/O: storage plugs in through TreeReader.
export * from './bytes';
export * from './checkpoint';
export * from './compact-range';
export * from './entry';
export * from './errors';
export * from './hash';
export * from './memory-tree';
export * from './note';
export * from './note-keys';
export * from './proof-plan';
export * from './tree-math';
export * from './tree-reader';
export * from './verify';
