import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'e2e-demo-password-2026';

export type RunningServer = { url: string; dataDir: string; stop: () => Promise<void> };

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/zutuan.js', ...args], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) =>
      code === 0 ? done(out) : fail(new Error(`zutuan ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

/**
 * The real server as users run it (`zutuan serve` over the built web/dist) on a fresh data
 * folder holding the demo scenario, on a free port.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zutuan-e2e-'));
  const env = {
    ...process.env,
    ZUTUAN_DATA_DIR: join(dataDir, 'data'),
    ZUTUAN_DEMO_PASSWORD: DEMO_PASSWORD,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  await run(['scenario', 'load'], env).catch((error: Error) => {
    // `serve` may load the demo itself on first start; an already loaded database is fine.
    if (!/already holds a programme/.test(error.message)) throw error;
  });
  const child: ChildProcess = spawn(process.execPath, ['bin/zutuan.js', 'serve', '--no-build'], {
    cwd: root,
    env,
  });
  let log = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 120 s:\n${log}`)), 120_000);
    const onData = (d: Buffer) => {
      log += d;
      const m = log.match(/running at (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => fail(new Error(`server exited ${code}:\n${log}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      await new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in API client for setting up data the way an administrator would. */
export async function apiAs(url: string, username: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
  };
}
