import type { Role } from '../db/schema';

/** The three parties whose witness counts (DOMAIN.md: commander Z, recipient cadre C, supporter cadre D). */
export const parties = ['command', 'recipient', 'supporter'] as const;
export type Party = (typeof parties)[number];

/** The role that speaks for each party. */
export const partyRole: Record<Party, Role> = {
  command: 'commander',
  recipient: 'recipient_cadre',
  supporter: 'supporter_cadre',
};

/** The party an account with `role` may speak for, if any. */
export const partyOfRole = (role: Role): Party | undefined => parties.find((p) => partyRole[p] === role);

/**
 * Whether an account may attest for a party whose organisation has path `partyOrgPath`: it holds
 * the party's role, and its organisation is the party's organisation or an ancestor of it
 * (organisation paths are materialised, '/a/b/c/').
 */
export const mayAttestFor = (
  account: { role: Role; scopePath: string },
  party: Party,
  partyOrgPath: string,
): boolean => partyRole[party] === account.role && partyOrgPath.startsWith(account.scopePath);
