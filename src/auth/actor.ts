import type { Role } from '../db/schema';

/** The authenticated user a request acts for, as resolved from its session. */
export type Actor = {
  userId: string;
  programmeId: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  /** The organisation's materialised path; the account sees records whose path starts with it. */
  scopePath: string;
  personId: string | null;
  locale: 'zh-CN' | 'en';
};

/** Whether an organisation (given by its path) lies inside the actor's scope. */
export const inScope = (actor: Pick<Actor, 'scopePath'>, organisationPath: string): boolean =>
  organisationPath.startsWith(actor.scopePath);
