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
  'matching:read',
  'matching:propose',
  'matching:accept',
  'mentorship:read',
  'mentorship:write',
  'competencies:write',
  'teaching:record',
  'assessments:record',
  'assessments:confirm',
  'services:read',
  'services:write',
  'witness:read',
  'witness:attest',
  'agreements:read',
  'agreements:write',
  'patient_names:write',
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
  'matching:read',
  'mentorship:read',
  'services:read',
  'witness:read',
  'agreements:read',
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
    // Team formation: the commander starts, reviews and accepts proposals (组团方案).
    'matching:propose',
    'matching:accept',
    // A resolved need is normally verified when all three parties have witnessed it
    // (src/witness/kinds/need-resolved.ts); the commander may still verify one directly, audited.
    'needs:verify',
    'mentorship:write',
    'services:write',
    // Each cadre witnesses for their party (src/witness/parties.ts): commander Z, C and D.
    'witness:attest',
    'agreements:write',
  ]),
  supporter_cadre: new Set([
    ...reads,
    'people:write',
    'deployments:write',
    'mentorship:write',
    'witness:attest',
    'agreements:write',
  ]),
  recipient_cadre: new Set([
    ...reads,
    'facilities:write',
    'people:write',
    'needs:report',
    'needs:triage',
    // Accepts contracts for the recipient hospital and witnesses assessments.
    'mentorship:write',
    'assessments:confirm',
    'services:write',
    'witness:attest',
    'agreements:write',
    // Names of the hospital's patients, so teaching notes that name one are refused.
    'patient_names:write',
  ]),
  // Assessments are recorded by the mentor alone (the expert account linked to the mentor).
  expert: new Set([...reads, 'needs:resolve', 'mentorship:write', 'teaching:record', 'assessments:record']),
  local_staff: new Set([
    'programmes:read',
    'organisations:read',
    'facilities:read',
    'needs:read',
    'needs:report',
    // Apprentices see their own contracts, levels and activities, and accept contracts.
    'mentorship:read',
    'mentorship:write',
    'patient_names:write',
  ]),
  viewer: new Set(reads),
};

/** Whether a role holds a permission. */
export const can = (role: Role, permission: Permission): boolean => rolePermissions[role].has(permission);
