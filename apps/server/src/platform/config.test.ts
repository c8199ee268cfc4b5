import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

/** The problems loadConfig reports for an environment (empty when it is valid). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('configuration defaults', () => {
  it('runs on port 3000 with the embedded database in ./data and the demo dataset on', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(path.isAbsolute(c.dataDir)).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.admin).toBeUndefined();
    expect(c.oidc).toBeUndefined();
    expect(c.production).toBe(false);
  });

  it('turns the demo dataset off by default on PostgreSQL, and honours an explicit TRAMA_DEMO', () => {
    const pg = loadConfig({ DATABASE_URL: 'postgres://trama@db.example.it:5432/trama' });
    expect(pg.databaseUrl).toBe('postgres://trama@db.example.it:5432/trama');
    expect(pg.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/trama', TRAMA_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ TRAMA_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ TRAMA_DEMO: 'false' }).demo).toBe(false);
  });

  it('resolves a relative DATA_DIR against the working directory and keeps an absolute one', () => {
    expect(loadConfig({ DATA_DIR: 'var/trama' }).dataDir).toBe(path.resolve('var/trama'));
    expect(loadConfig({ DATA_DIR: '/srv/trama' }).dataDir).toBe('/srv/trama');
  });

  it('treats empty variables as unset (a blank line in .env does not break the start)', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', TRAMA_ADMIN_EMAIL: '' });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.admin).toBeUndefined();
  });

  it('builds the bootstrap admin and the OIDC settings when they are given', () => {
    const c = loadConfig({
      PORT: '8080',
      TRAMA_ADMIN_EMAIL: 'admin@comune.milano.it',
      TRAMA_ADMIN_PASSWORD: 'una-password-molto-lunga',
      OIDC_ISSUER: 'https://login.example.it',
      OIDC_CLIENT_ID: 'trama',
    });
    expect(c.port).toBe(8080);
    expect(c.admin).toEqual({ email: 'admin@comune.milano.it', password: 'una-password-molto-lunga' });
    expect(c.oidc).toMatchObject({ issuer: 'https://login.example.it', clientId: 'trama' });
  });
});

describe('configuration errors name the variable and say what is wrong', () => {
  it('PORT must be a number', () => {
    const message = 'PORT must be a port number between 0 and 65535';
    expect(problemsOf({ PORT: 'abc' })).toEqual([message]);
    expect(problemsOf({ PORT: '70000' })).toEqual([message]);
    expect(problemsOf({ PORT: '80.5' })).toEqual([message]);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(`Invalid configuration:\n  - ${message}`);
  });

  it('DATABASE_URL must be a PostgreSQL URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/trama' })).toEqual([
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
    ]);
  });

  it('an admin e-mail needs a password, and the other way round', () => {
    expect(problemsOf({ TRAMA_ADMIN_EMAIL: 'admin@example.it' })).toEqual([
      'TRAMA_ADMIN_PASSWORD is required with TRAMA_ADMIN_EMAIL',
    ]);
    expect(problemsOf({ TRAMA_ADMIN_PASSWORD: 'una-password-molto-lunga' })).toEqual([
      'TRAMA_ADMIN_EMAIL is required with TRAMA_ADMIN_PASSWORD',
    ]);
    expect(problemsOf({ TRAMA_ADMIN_EMAIL: 'admin@example.it', TRAMA_ADMIN_PASSWORD: 'corta' })).toEqual([
      'TRAMA_ADMIN_PASSWORD must be at least 12 characters',
    ]);
    expect(
      problemsOf({ TRAMA_ADMIN_EMAIL: 'non-una-email', TRAMA_ADMIN_PASSWORD: 'una-password-molto-lunga' }),
    ).toEqual(['TRAMA_ADMIN_EMAIL must be an e-mail address']);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', TRAMA_DEMO: 'maybe' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'TRAMA_DEMO']);
  });

  it('production needs a session secret; OIDC needs a client id', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['SESSION_SECRET is required in production']);
    expect(problemsOf({ OIDC_ISSUER: 'https://login.example.it' })).toEqual([
      'OIDC_CLIENT_ID is required with OIDC_ISSUER',
    ]);
  });
});
