import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const zutuan = (args: string[], env: Record<string, string> = {}) =>
  run('node', ['bin/zutuan.js', ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

// Each case starts a process (and some create an embedded database: initdb takes seconds).
describe('the zutuan command', { timeout: 180_000 }, () => {
  it('lists its commands', async () => {
    const r = await zutuan(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['serve', 'dev', 'db', 'user', 'scenario', 'gap', 'log'])
      expect(r.stdout).toContain(command);
  });

  it('migrates an embedded database and says when it is up to date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zutuan-cli-'));
    const first = await zutuan(['db', 'migrate'], { ZUTUAN_DATA_DIR: dir });
    expect(first.stdout).toMatch(/applied: 0001_foundation\.sql/);
    const second = await zutuan(['db', 'migrate'], { ZUTUAN_DATA_DIR: dir });
    expect(second.stdout).toContain('up to date');
  });

  it('exits non-zero with a message naming a bad setting', async () => {
    const r = await zutuan(['db', 'migrate'], { PORT: 'eighty' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('PORT');
  });

  it('refuses a weak password when creating an account', async () => {
    const r = await zutuan([
      'user',
      'create',
      '--username',
      'x1',
      '--organisation',
      'none',
      '--role',
      'viewer',
      '--password',
      'short',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/at least 10 characters/);
  });
});
