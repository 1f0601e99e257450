import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { inChange } from '../../audit/audit';
import type { Actor } from '../../auth/actor';
import { loadConfig } from '../../config';
import type { Database } from '../../db/database';
import { type JobQueue, startJobQueue, startWorkers } from '../../jobs/queue';
import { enqueueProposal, matchingWorker, stopMatchingQueue } from '../../matching/jobs';
import type { UnservedReason } from '../../matching/reasons';
import type { MatchingRulesInput } from '../../matching/rules';
import { createProposal } from '../../matching/service';
import { openPlatformDatabase } from '../../platform';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a batch number (1, 2, …)');
  return n;
};

export type MatchOptions = {
  batch: number;
  wait?: boolean;
  json?: boolean;
  /** Solver time limit in seconds (the proposal's rule). */
  timeLimit?: number;
  /** More rules (tests and scripts; the command line sets only the time limit). */
  rules?: MatchingRulesInput;
};

/** What `zutuan match` prints when a proposal finishes. */
export type MatchResult = {
  proposalId: string;
  batch: { number: number; name: string };
  status: string;
  teams: number;
  served: number;
  unserved: number;
  unservedByReason: Partial<Record<UnservedReason, number>>;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  priorityServed: number | null;
  seconds: number;
  warnings: string[];
  error: string | null;
};

type Out = { write: (s: string) => unknown; isTTY?: boolean };

/**
 * Enqueues a proposal for batch N of the programme through the same service the API uses and,
 * unless the job can be left to a running server, runs the matching worker in this process and
 * waits for it, reporting progress.
 */
export async function runMatch(
  database: Database,
  options: MatchOptions,
  io: { stdout: Out; stderr: Out } = { stdout: process.stdout, stderr: process.stderr },
  embedded = true,
): Promise<MatchResult | { proposalId: string; status: 'queued' }> {
  const { db } = database;
  const programmes = await db.selectFrom('programmes').select('id').execute();
  if (programmes.length !== 1) {
    throw new Error(
      programmes.length === 0
        ? 'the database holds no programme (load one with `zutuan scenario load`)'
        : 'the database holds several programmes; `zutuan match` works on a single one',
    );
  }
  const programmeId = programmes[0]!.id;
  const batch = await db
    .selectFrom('batches')
    .select(['id', 'number', 'name'])
    .where('programme_id', '=', programmeId)
    .where('number', '=', options.batch)
    .executeTakeFirst();
  if (!batch) throw new Error(`batch ${options.batch} does not exist`);

  // The command line acts for no account: the proposal has no creator, the audit says "cli".
  const actor = { programmeId, userId: null } as unknown as Actor;
  const rules = { ...options.rules, ...(options.timeLimit ? { timeLimitSeconds: options.timeLimit } : {}) };
  const proposalId = await inChange(db, { programmeId, actorUserId: null, requestId: 'cli' }, (trx, audit) =>
    createProposal(trx, actor, { batchId: batch.id, rules }, audit),
  );

  // On the embedded database only this process can run the job, so it always waits; on a
  // server database a running `zutuan serve` may take it, and --wait is needed to follow it.
  const wait = options.wait || embedded;
  let boss: JobQueue | undefined;
  try {
    if (wait) {
      boss = await startJobQueue(database, undefined, { schedule: false });
      await startWorkers(boss, [matchingWorker as never]);
    }
    await enqueueProposal(database, { programmeId, proposalId });
    if (!wait) {
      if (!options.json) io.stdout.write(`proposal ${proposalId} queued for ${batch.name}\n`);
      else io.stdout.write(`${JSON.stringify({ proposalId, status: 'queued' })}\n`);
      return { proposalId, status: 'queued' };
    }
    const started = Date.now();
    const final = await followProgress(database, programmeId, proposalId, io.stderr, batch.name);
    const result = toResult(final, batch, (Date.now() - started) / 1000);
    if (options.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else io.stdout.write(describe(result));
    if (result.status !== 'done') process.exitCode = 3;
    return result;
  } finally {
    await stopMatchingQueue(database);
    if (boss) await boss.stop({ graceful: false, wait: true } as never);
  }
}

type ProposalRow = {
  id: string;
  status: string;
  progress: number;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  summary: unknown;
  error: string | null;
};

/** Polls the proposal until it is no longer queued or running: a bar on a terminal, plain lines otherwise. */
async function followProgress(
  database: Database,
  programmeId: string,
  id: string,
  out: Out,
  batchName: string,
): Promise<ProposalRow & { unservedByReason: Record<string, number> }> {
  const bar = out.isTTY
    ? new SingleBar(
        {
          format: `${batchName} {bar} {percentage}% | {status} | {duration}s`,
          stream: out as NodeJS.WritableStream,
          hideCursor: true,
        },
        undefined,
      )
    : null;
  bar?.start(100, 0, { status: 'queued' });
  let lastLine = -1;
  let row: ProposalRow;
  for (;;) {
    row = (await database.db
      .selectFrom('proposals')
      .select(['id', 'status', 'progress', 'objective', 'bound', 'gap', 'summary', 'error'])
      .where('programme_id', '=', programmeId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow()) as ProposalRow;
    const percent = Math.round((row.status === 'queued' ? 0 : row.progress) * 100);
    if (bar) bar.update(percent, { status: row.status });
    else if (percent !== lastLine && (percent === 0 || percent >= lastLine + 10 || row.status === 'done')) {
      out.write(`proposal ${id}: ${row.status} ${percent}%\n`);
      lastLine = percent;
    }
    if (row.status !== 'queued' && row.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (bar) {
    bar.update(row.status === 'done' ? 100 : Math.round(row.progress * 100), { status: row.status });
    bar.stop();
  }
  const counts = await database.db
    .selectFrom('proposal_unserved')
    .select(['reason', (eb) => eb.fn.countAll<string>().as('n')])
    .where('programme_id', '=', programmeId)
    .where('proposal_id', '=', id)
    .groupBy('reason')
    .execute();
  return { ...row, unservedByReason: Object.fromEntries(counts.map((c) => [c.reason, Number(c.n)])) };
}

function toResult(
  row: ProposalRow & { unservedByReason: Record<string, number> },
  batch: { number: number; name: string },
  seconds: number,
): MatchResult {
  const summary = (row.summary ?? {}) as {
    teams?: number;
    served?: number;
    unserved?: number;
    priorityServed?: number;
    warnings?: string[];
  };
  return {
    proposalId: row.id,
    batch: { number: batch.number, name: batch.name },
    status: row.status,
    teams: summary.teams ?? 0,
    served: summary.served ?? 0,
    unserved: summary.unserved ?? 0,
    unservedByReason: row.unservedByReason,
    objective: row.objective,
    bound: row.bound,
    gap: row.gap,
    priorityServed: summary.priorityServed ?? null,
    seconds: Math.round(seconds * 10) / 10,
    warnings: summary.warnings ?? [],
    error: row.error,
  };
}

const reasonText: Record<UnservedReason, string> = {
  no_specialist: 'no expert of the specialty',
  rules: "excluded by the commander's rules",
  too_far: 'too far',
  too_large: "too large for any nearby expert's days",
  capacity_spent: 'capacity spent',
  not_worth: 'travel costs more than the priority',
};

/** The plain-text summary of a finished (or failed) proposal. */
export function describe(r: MatchResult): string {
  if (r.status !== 'done') {
    return `proposal ${r.proposalId} for ${r.batch.name}: ${r.status}${r.error ? ` — ${r.error}` : ''}\n`;
  }
  const fmt = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));
  const lines = [
    `proposal ${r.proposalId} for ${r.batch.name} (batch ${r.batch.number}), ${r.seconds} s`,
    `  teams:     ${r.teams}`,
    `  served:    ${r.served} needs (priority ${fmt(r.priorityServed)})`,
    `  unserved:  ${r.unserved}`,
    ...Object.entries(r.unservedByReason).map(
      ([reason, n]) => `    ${String(n).padStart(5)}  ${reasonText[reason as UnservedReason] ?? reason}`,
    ),
    `  objective: ${fmt(r.objective)}  bound: ${fmt(r.bound)}  gap: ${r.gap === null ? '—' : `${(r.gap * 100).toFixed(2)}%`}`,
    ...r.warnings.map((w) => `  warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `zutuan match --batch N [--wait] [--json]`: a team-formation proposal for a batch. */
export function matchCommand(): Command {
  return new Command('match')
    .description('propose micro-teams for a batch (runs the matching job, shows progress and the result)')
    .requiredOption('--batch <number>', 'the batch number of the programme', positiveInt)
    .option(
      '--wait',
      'wait for the result even when a server could run the job (always on the embedded database)',
    )
    .option('--json', 'print the result as one JSON object')
    .option('--time-limit <seconds>', "the solver's time limit", positiveInt)
    .action(async (options: MatchOptions) => {
      const config = loadConfig();
      const database = await openPlatformDatabase(config);
      try {
        await runMatch(database, options, undefined, !config.databaseUrl);
      } finally {
        await database.close();
      }
    });
}
