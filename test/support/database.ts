import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';

let counter = 0;

/** A fresh migrated database for one test file: a PGlite clone, or a copy of the server template. */
export async function freshDatabase(): Promise<Database> {
  const serverUrl = inject('serverUrl');
  if (!serverUrl) {
    const dump = readFileSync(inject('templateFile'));
    return openDatabase({ dataDir: null, loadDataDir: new Blob([dump]) });
  }
  const name = `zutuan_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
  await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  const close = database.close;
  database.close = async () => {
    await close();
    const cleanup = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.close();
  };
  return database;
}
