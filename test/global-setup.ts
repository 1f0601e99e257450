import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a migrated data-dir dump to clone per test file. */
    templateFile: string;
    /** PostgreSQL: the server URL and the migrated template database to copy per test file. */
    serverUrl: string;
    templateDatabase: string;
  }
}

/**
 * Builds one migrated database per run. On PGlite (default) it dumps a migrated data dir that
 * each test file loads; with TEST_DATABASE_URL it creates a migrated template database on that
 * PostgreSQL server that each test file copies (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';
  project.provide('serverUrl', serverUrl);
  if (serverUrl) {
    const templateDatabase = `zutuan_template_${process.pid}`;
    const admin = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
    await admin.query(`drop database if exists ${templateDatabase}`);
    await admin.query(`create database ${templateDatabase}`);
    const url = new URL(serverUrl);
    url.pathname = `/${templateDatabase}`;
    const template = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    await migrate(template);
    await template.close();
    project.provide('templateDatabase', templateDatabase);
    project.provide('templateFile', '');
    return async () => {
      await admin.query(`drop database if exists ${templateDatabase} with (force)`).catch(() => {});
      await admin.close();
    };
  }
  const database = await openDatabase({ dataDir: null });
  await migrate(database);
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  const templateFile = join(tmpdir(), `zutuan-template-${process.pid}.tar`);
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateFile', templateFile);
  project.provide('templateDatabase', '');
  return undefined;
}
