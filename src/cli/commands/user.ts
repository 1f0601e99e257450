import { Command, Option } from 'commander';
import { recordAudit } from '../../audit/audit';
import { hashPassword, passwordProblem } from '../../auth/passwords';
import { loadConfig } from '../../config';
import { roles } from '../../db/schema';
import { openPlatformDatabase } from '../../platform';

/** `zutuan user create`: an account from the command line (e.g. the first admin of a real programme). */
export function userCommand(): Command {
  const user = new Command('user').description('accounts');
  user
    .command('create')
    .description('create an account; the password is read from ZUTUAN_NEW_PASSWORD or --password')
    .requiredOption('--username <name>', 'login name (lowercase)')
    .requiredOption('--organisation <name>', 'the organisation that scopes the account (its exact name)')
    .addOption(new Option('--role <role>', 'role').choices(roles).makeOptionMandatory())
    .option('--display-name <name>', 'the name shown in the app')
    .option(
      '--password <password>',
      'password (prefer ZUTUAN_NEW_PASSWORD: command lines are visible to other users)',
    )
    .action(
      async (o: {
        username: string;
        organisation: string;
        role: (typeof roles)[number];
        displayName?: string;
        password?: string;
      }) => {
        const password = o.password ?? process.env.ZUTUAN_NEW_PASSWORD ?? '';
        const problem = passwordProblem(password, o.username);
        if (problem) throw new Error(problem);
        const database = await openPlatformDatabase(loadConfig());
        try {
          const orgs = await database.db
            .selectFrom('organisations')
            .select(['programme_id', 'id'])
            .where('name', '=', o.organisation)
            .execute();
          if (orgs.length !== 1)
            throw new Error(
              orgs.length
                ? `several organisations are named "${o.organisation}"`
                : `no organisation is named "${o.organisation}"`,
            );
          const org = orgs[0]!;
          const passwordHash = await hashPassword(password);
          const id = await database.db.transaction().execute(async (trx) => {
            const row = await trx
              .insertInto('users')
              .values({
                programme_id: org.programme_id,
                username: o.username.toLowerCase(),
                display_name: o.displayName ?? o.username,
                password_hash: passwordHash,
                role: o.role,
                organisation_id: org.id,
                person_id: null,
                locked_until: null,
                last_failed_login_at: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            await recordAudit(
              trx,
              { programmeId: org.programme_id, actorUserId: null, requestId: 'cli' },
              {
                action: 'user.created',
                entity: 'user',
                entityId: row.id,
                after: { username: o.username, role: o.role, organisationId: org.id },
              },
            );
            return row.id;
          });
          process.stdout.write(`created account ${o.username} (${o.role}), id ${id}\n`);
        } finally {
          await database.close();
        }
      },
    );
  return user;
}
