// `npm run bench -- log [--entries N] [--batch B] [--proofs P]`: the database-backed transparency
// log. Uses the PostgreSQL server at TEST_DATABASE_URL or DATABASE_URL (in a scratch database it
// creates and drops), else embedded PGlite in memory. Prints sustained appends per second (B
// entries per transaction), inclusion-proof latency at N entries, checkpoint signing, and the
// time to verify the whole log from scratch straight from the database.
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { formatVerifierKey, generateNoteKeys, parseSignerKey, parseVerifierKey } from '../src/transparency';
import { appendEntries } from '../src/transparency/store/append';
import { currentCheckpoint } from '../src/transparency/store/checkpoints';
import { buildLogEntry, insertProgramme } from '../src/transparency/store/log-test-helpers';
import { databaseLogSource } from '../src/transparency/store/source';
import { StoredTree } from '../src/transparency/store/stored-tree';
import { inclusionProof } from '../src/transparency/tree-reader';
import { verifyLog } from '../src/transparency/verify-log';

const flag = (args: string[], name: string, fallback: number): number => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

async function scratchDatabase(): Promise<{ database: Database; kind: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: null });
    return { database, kind: 'pglite (in memory)', drop: () => database.close() };
  }
  const name = `zutuan_bench_log_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  const version = (await database.query<{ v: string }>(`select current_setting('server_version') as v`))[0]
    ?.v;
  return {
    database,
    kind: `postgresql ${version} server`,
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/** Sorted times of `proofs` inclusion proofs of random leaves, after 200 unmeasured ones. */
async function proofTimes(tree: StoredTree, entries: number, proofs: number): Promise<number[]> {
  for (let i = 0; i < 200; i++) await inclusionProof(tree, Math.floor(Math.random() * entries));
  const times: number[] = [];
  for (let i = 0; i < proofs; i++) {
    const index = Math.floor(Math.random() * entries);
    const t0 = performance.now();
    await inclusionProof(tree, index);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

export default async function logBench(args: string[]): Promise<void> {
  const entries = flag(args, '--entries', 1_000_000);
  const batch = flag(args, '--batch', 1000);
  const proofs = flag(args, '--proofs', 2000);
  const { database, kind, drop } = await scratchDatabase();
  try {
    await migrate(database);
    const { db } = database;
    const programmeId = await insertProgramme(db, 'bench');
    const keys = generateNoteKeys('bench.example');

    // Appends: one transaction per batch, as a caller logging a batch of record changes would.
    const started = performance.now();
    let lastTenthStarted = started;
    for (let from = 0; from < entries; from += batch) {
      if (from >= entries * 0.9 && lastTenthStarted === started) lastTenthStarted = performance.now();
      const count = Math.min(batch, entries - from);
      const page = Array.from({ length: count }, (_, i) => buildLogEntry(from + i));
      await db.transaction().execute((trx) => appendEntries(trx, programmeId, page));
      if (from % (batch * 100) === 0) process.stderr.write(`\rappended ${from + count} / ${entries}`);
    }
    const appendSeconds = (performance.now() - started) / 1000;
    const lastTenthSeconds = (performance.now() - lastTenthStarted) / 1000;
    process.stderr.write('\n');

    const signStarted = performance.now();
    const signer = parseSignerKey(keys.signerKey);
    await currentCheckpoint(db, programmeId, { origin: 'bench.example/bench', signer });
    const signMs = performance.now() - signStarted;

    // Reads are measured in steady state: after a bulk load PostgreSQL's autovacuum scans the new
    // rows (visibility map, statistics) for a while; run it now instead of during the timings.
    if (database.kind === 'postgres') await database.query('vacuum analyze log_nodes, log_entries');

    // Inclusion proofs at the full size, random leaves: as the proof routes open the tree, from
    // this process's copy of the nodes (node-mirror.ts, brought up to the log's size first, its
    // load timed on its own); and reading the nodes from the database each time (one batched read).
    const mirrorStarted = performance.now();
    const mirrored = await StoredTree.open(db, programmeId, { mirrored: true });
    const mirrorSeconds = (performance.now() - mirrorStarted) / 1000;
    const times = await proofTimes(mirrored, entries, proofs);
    const dbTimes = await proofTimes(await StoredTree.open(db, programmeId), entries, proofs);

    const verifyStarted = performance.now();
    const verified = await verifyLog(databaseLogSource(db, programmeId), {
      verifiers: [parseVerifierKey(formatVerifierKey(signer))],
    });
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!verified.ok) throw new Error(`verification failed: ${verified.message}`);

    const result = {
      benchmark: 'log',
      database: kind,
      entries,
      batch,
      appends_per_second: Math.round(entries / appendSeconds),
      appends_per_second_last_10_percent: Math.round(
        (entries - Math.floor(entries * 0.9)) / lastTenthSeconds,
      ),
      append_seconds: round(appendSeconds, 1),
      checkpoint_sign_ms: round(signMs, 1),
      inclusion_proof_ms: {
        p50: round(percentile(times, 0.5)),
        p99: round(percentile(times, 0.99)),
        count: proofs,
      },
      inclusion_proof_reading_database_ms: {
        p50: round(percentile(dbTimes, 0.5)),
        p99: round(percentile(dbTimes, 0.99)),
        count: proofs,
      },
      mirror_load_seconds: round(mirrorSeconds, 1),
      verify_from_scratch_seconds: round(verifySeconds, 1),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await drop();
  }
}
