import type { Role } from '../db/schema';

/**
 * What each role may do. Routes name one permission; data is further limited to the
 * account's organisation subtree (see scope.ts). Anything not granted here is denied.
 */
export const permissions = [
  'programmes:read',
  'programmes:write',
  'organisations:read',
  'organisations:write',
  'facilities:read',
  'facilities:write',
  'people:read',
  'people:write',
  'batches:read',
  'batches:write',
  'deployments:read',
  'deployments:write',
  'dashboard:read',
  'users:manage',
  'audit:read',
  'needs:read',
  'needs:report',
  'needs:triage',
  'needs:match',
  'needs:resolve',
  'needs:verify',
  'coverage:read',
] as const;
export type Permission = (typeof permissions)[number];

const reads: Permission[] = [
  'programmes:read',
  'organisations:read',
  'facilities:read',
  'people:read',
  'batches:read',
  'deployments:read',
  'dashboard:read',
  'needs:read',
  'coverage:read',
];

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  commander: new Set([
    ...reads,
    'facilities:write',
    'people:write',
    'batches:write',
    'deployments:write',
    'needs:triage',
    'needs:match',
    // Until the witnessing workflow exists, only commanders (and admins) verify a resolved need.
    'needs:verify',
  ]),
  supporter_cadre: new Set([...reads, 'people:write', 'deployments:write']),
  recipient_cadre: new Set([...reads, 'facilities:write', 'people:write', 'needs:report', 'needs:triage']),
  expert: new Set([...reads, 'needs:resolve']),
  local_staff: new Set([
    'programmes:read',
    'organisations:read',
    'facilities:read',
    'needs:read',
    'needs:report',
  ]),
  viewer: new Set(reads),
};

/** Whether a role holds a permission. */
export const can = (role: Role, permission: Permission): boolean => rolePermissions[role].has(permission);
