import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { type Database, openDatabase } from '../../db/database';
import { parseVerifierKey } from '../../transparency';
import { httpLogSource } from '../../transparency/sources/http-source';
import { logProgramme } from '../../transparency/store/programme';
import { databaseLogSource } from '../../transparency/store/source';
import { type LogVerification, verifyLog } from '../../transparency/verify-log';

/** Options of `zutuan log verify`: one of server, databaseUrl, dataDir says where the log is. */
export interface LogVerifyOptions {
  server?: string;
  databaseUrl?: string;
  dataDir?: string;
  programme?: string;
  since?: string;
  key?: string;
  save?: string;
}

// --key takes the verifier key itself or a file holding it.
const keyText = (key: string): string => (existsSync(key) ? readFileSync(key, 'utf8').trim() : key.trim());

async function viaDatabase(
  options: LogVerifyOptions,
  since: string | undefined,
  warn: (line: string) => void,
): Promise<LogVerification> {
  let database: Database;
  if (options.databaseUrl) database = await openDatabase({ databaseUrl: options.databaseUrl, poolSize: 2 });
  else database = await openDatabase({ dataDir: options.dataDir! });
  try {
    const programme = await logProgramme(database.db, options.programme);
    if (!programme) throw new Error(`no programme ${options.programme ?? ''} in this database`.trim());
    let key = options.key && keyText(options.key);
    if (!key) {
      const row = await database.db.selectFrom('log_keys').select('verifier_key').executeTakeFirst();
      if (!row) throw new Error('the database holds no log key; pass --key VERIFIER_KEY');
      warn('warning: trusting the verifier key stored in the database itself; pass --key to pin it');
      key = row.verifier_key;
    }
    return await verifyLog(databaseLogSource(database.db, programme.id), {
      verifiers: [parseVerifierKey(key)],
      ...(since !== undefined ? { since } : {}),
    });
  } finally {
    await database.close();
  }
}

async function viaServer(
  server: string,
  options: LogVerifyOptions,
  since: string | undefined,
  warn: (line: string) => void,
): Promise<LogVerification> {
  const source = httpLogSource(server, options.programme ? { programme: options.programme } : {});
  let key = options.key && keyText(options.key);
  if (!key) {
    warn('warning: trusting the verifier key the server publishes; pass --key to pin it');
    key = await source.verifierKey();
  }
  return verifyLog(source, { verifiers: [parseVerifierKey(key)], ...(since !== undefined ? { since } : {}) });
}

/** Runs a verification and returns the outcome with the lines to print (the command's logic, testable). */
export async function runLogVerify(
  options: LogVerifyOptions,
): Promise<{ result: LogVerification; seconds: number; warnings: string[] }> {
  const where = [options.server, options.databaseUrl, options.dataDir].filter((v) => v !== undefined);
  if (where.length !== 1) throw new Error('give exactly one of --server, --database-url, --data-dir');
  const since = options.since === undefined ? undefined : readFileSync(options.since, 'utf8');
  const warnings: string[] = [];
  const warn = (line: string) => warnings.push(line);
  const started = performance.now();
  const result = options.server
    ? await viaServer(options.server, options, since, warn)
    : await viaDatabase(options, since, warn);
  if (result.ok && options.save) writeFileSync(options.save, result.note);
  return { result, seconds: (performance.now() - started) / 1000, warnings };
}

/** `zutuan log verify`: recompute a whole log and check it against its signed checkpoints. */
export function logVerifyCommand(): Command {
  return new Command('verify')
    .description(
      'download a log, recompute its root and check the signed checkpoint (exits 1 naming the first bad entry)',
    )
    .option('--server <url>', 'a Zutuan server, e.g. https://zutuan.example')
    .option('--database-url <url>', 'read the log straight from PostgreSQL')
    .option('--data-dir <dir>', 'read the log straight from an embedded database folder')
    .option('--programme <code>', 'the programme whose log to verify (default: the first)')
    .option('--since <file>', 'an earlier saved checkpoint the log must be consistent with')
    .option('--key <key>', 'the note verifier key (or a file holding it) checkpoints must be signed with')
    .option('--save <file>', 'save the verified checkpoint, for a later --since')
    .action(async (options: LogVerifyOptions) => {
      const { result, seconds, warnings } = await runLogVerify(options);
      for (const line of warnings) process.stderr.write(`${line}\n`);
      if (!result.ok) {
        process.stderr.write(`log verify: FAILED: ${result.message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(
        `log verify: ok: ${result.origin}, ${result.size} entries, root ${result.root} (${seconds.toFixed(1)} s)\n`,
      );
    });
}
