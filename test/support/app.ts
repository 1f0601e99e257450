import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/auth/passwords';
import { type Config, loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { type App, buildApp, type RouteInfo } from '../../src/http/app';
import { freshDatabase } from './database';
import { insertFixture, PASSWORD } from './fixture';

let hashed: Promise<string> | undefined;

export type TestApp = {
  app: App;
  database: Database;
  config: Config;
  routes: RouteInfo[];
  /** Logs in and returns the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** Sends a request as a user (by cookie) or anonymously. */
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options?: { as?: string; body?: unknown; headers?: Record<string, string>; payload?: string | Buffer },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/** An application over a fresh database holding the fixture; sessions are cached per username. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  hashed ??= hashPassword(PASSWORD);
  await insertFixture(database.db, await hashed);
  const config = loadConfig({ LOG_LEVEL: 'silent', ZUTUAN_DATA_DIR: '/tmp/zutuan-test', ...env });
  const { app, routes } = await buildApp({ config, database, logger: false });
  await app.ready();
  const cookies = new Map<string, string>();

  const login = async (username: string, password = PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'zutuan_session');
    if (!cookie) throw new Error('no session cookie');
    return `zutuan_session=${cookie.value}`;
  };

  const request: TestApp['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) {
      if (!cookies.has(options.as)) cookies.set(options.as, await login(options.as));
      headers.cookie = cookies.get(options.as) as string;
    }
    return app.inject({
      method,
      url,
      headers,
      ...(options.payload !== undefined
        ? { payload: options.payload }
        : options.body !== undefined
          ? { payload: options.body as object }
          : {}),
    });
  };

  return {
    app,
    database,
    config,
    routes,
    login,
    request,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
