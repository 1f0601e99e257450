import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { actorOf } from './policy';

/** The actor of a request and the audit context its changes are recorded under. */
export function changeContext(request: FastifyRequest): { actor: Actor; audit: AuditContext } {
  const actor = actorOf(request);
  return {
    actor,
    audit: { programmeId: actor.programmeId, actorUserId: actor.userId, requestId: request.id },
  };
}
