import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { can, type Permission } from '../auth/permissions';
import { AppError } from '../errors';

/**
 * Every route declares who may call it: 'public' (no login), 'authenticated' (any logged-in
 * account) or one permission. A route without a policy is refused when it is registered.
 */
export type Policy = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

// Routes added by plugins (API docs) cannot carry our config; they are public, and named here.
const pluginRoutes: { prefix: string; policy: Policy }[] = [{ prefix: '/api/docs', policy: 'public' }];

/** The policy for a route as registered, or undefined when it has none. */
export function routePolicy(url: string, config: { policy?: Policy } | undefined): Policy | undefined {
  if (config?.policy) return config.policy;
  if (!url.startsWith('/api')) return 'public'; // the web app's static files
  return pluginRoutes.find((r) => url.startsWith(r.prefix))?.policy;
}

/** Enforces a route's policy for a request whose actor is already resolved. */
export function enforcePolicy(request: FastifyRequest, policy: Policy): void {
  if (policy === 'public') return;
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  if (policy === 'authenticated') return;
  if (!can(request.actor.role, policy)) throw new AppError('FORBIDDEN');
}

/** The actor of a request on a route that requires login (policy enforcement ran before). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
