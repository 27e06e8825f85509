import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults: PGlite under ./data, port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.publicOrigin).toBe('http://localhost:3000');
    expect(c.cookieSecure).toBe(false);
  });

  it('names the variable in one line for a bad PORT', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: 'abc' });
    } catch (e) {
      expect((e as Error).message).toBe(
        'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")',
      );
    }
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(/PORT/);
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'nonsense' })).toThrowError(
      /^Invalid configuration: DATABASE_URL must be a URL like postgres:/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrowError(/DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/masar' }).databaseUrl).toBe(
      'postgres://u@127.0.0.1:5432/masar',
    );
  });

  it('hides passwords when echoing a bad URL', () => {
    expect(() => loadConfig({ SMTP_URL: 'nota url :secret@' })).toThrowError(/SMTP_URL/);
  });

  it('derives secure cookies from an https PUBLIC_URL unless told otherwise', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://masar.example' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://masar.example', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(() => loadConfig({ COOKIE_SECURE: 'maybe' })).toThrowError(/COOKIE_SECURE/);
  });

  it('reads the analysis job timeout and retry delay, and refuses nonsense', () => {
    expect(loadConfig({}).analysisJobs).toEqual({ timeoutSeconds: 120, retryDelaySeconds: 30 });
    expect(loadConfig({ ANALYSIS_TIMEOUT_SECONDS: '5', ANALYSIS_RETRY_DELAY_SECONDS: '1' }).analysisJobs).toEqual({
      timeoutSeconds: 5,
      retryDelaySeconds: 1,
    });
    expect(() => loadConfig({ ANALYSIS_TIMEOUT_SECONDS: '1' })).toThrowError(
      'Invalid configuration: ANALYSIS_TIMEOUT_SECONDS must be a number of seconds between 2 and 3600 (got "1")',
    );
    expect(() => loadConfig({ ANALYSIS_RETRY_DELAY_SECONDS: 'soon' })).toThrowError(/ANALYSIS_RETRY_DELAY_SECONDS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });
});
