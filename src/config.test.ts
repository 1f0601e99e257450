import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      loadDemo: true,
      sessionIdleMinutes: 60,
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('stops on a bad value, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ ZUTUAN_DEMO_PASSWORD: 'short' })).toThrow(/ZUTUAN_DEMO_PASSWORD/);
    expect(() => loadConfig({ ZUTUAN_LOAD_DEMO: 'yes' })).toThrow(/ZUTUAN_LOAD_DEMO/);
  });

  it('reads a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/zutuan' }).databaseUrl).toBe(
      'postgres://u@127.0.0.1:5432/zutuan',
    );
  });
});
