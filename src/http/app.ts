import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { SessionCache } from '../auth/session-cache';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { XLSX_TYPE } from '../shared/excel';
import { errorHandler } from './error-handler';
import { registerJsonBodyParser } from './json-body';
import { enforcePolicy, type Policy, routePolicy } from './policy';
import { registerRoutes } from './routes';
import { registerSecurityHeaders } from './security-headers';
import { serveWebApp } from './web';

export type AppDeps = { config: Config; database: Database; logger?: Logger | false };
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export type RouteInfo = { method: string; url: string; policy: Policy | undefined };

/** Builds the HTTP application: plugins, the deny-by-default policy hook, and every capability's routes. */
export async function buildApp(deps: AppDeps): Promise<{ app: App; routes: RouteInfo[] }> {
  const app = Fastify({
    loggerInstance: deps.logger || undefined,
    logger: deps.logger === false ? false : undefined,
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const policy = routePolicy(route.url, route.config as { policy?: Policy } | undefined);
    for (const method of methods) routes.push({ method, url: route.url, policy });
    if (!policy && !methods.every((m) => m === 'HEAD')) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no policy (deny by default)`);
    }
  });

  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Zutuan API', version: '0.1.0', description: 'Group-style paired medical assistance' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const sessionCache = await startSessionCache(app, deps);
  // Resolve the session, then enforce the route's policy, before any body is read.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.actor = await resolveSession(
        deps.database.db,
        token,
        { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours },
        new Date(),
        sessionCache,
      );
    }
    const config = request.routeOptions.config as { policy?: Policy } | undefined;
    const policy = routePolicy(request.routeOptions.url ?? '', config);
    if (request.routeOptions.url === undefined) return; // no route: the not-found handler answers
    if (!policy) throw new AppError('FORBIDDEN');
    enforcePolicy(request, policy);
  });

  registerJsonBodyParser(app);
  // Spreadsheet uploads arrive as the raw file body (no multipart), bounded by their own limit.
  app.addContentTypeParser(
    XLSX_TYPE,
    { parseAs: 'buffer', bodyLimit: deps.config.uploadLimitBytes },
    (_req, body, done) => done(null, body),
  );

  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(scalar, { routePrefix: '/api/docs', configuration: { url: '/api/openapi.json' } });
  await registerRoutes(app);
  await serveWebApp(app);
  return { app, routes };
}

/** The per-process session cache, fed by the database's `zutuan_auth` announcements; none when configured off. */
async function startSessionCache(app: FastifyInstance, deps: AppDeps): Promise<SessionCache | undefined> {
  if (deps.config.sessionCacheSeconds <= 0) return undefined;
  const cache = new SessionCache(deps.config.sessionCacheSeconds * 1000);
  const unlisten = await deps.database.listen('zutuan_auth', {
    message: (payload) => cache.announce(payload),
    state: (listening) => cache.setListening(listening),
  });
  app.addHook('onClose', async () => {
    cache.close();
    await unlisten();
  });
  return cache;
}
