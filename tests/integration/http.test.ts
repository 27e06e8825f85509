import { loadConfig, type RunningServerLike, startServer } from '@masar/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { freePort } from '../helpers/server-process';

let database: TestDatabase;
let server: RunningServerLike;
let origin: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
  });
  server = await startServer(config, { database });
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('HTTP surface', () => {
  it('answers /healthz and /readyz', async () => {
    const h = await fetch(`${origin}/healthz`);
    expect(h.status).toBe(200);
    const r = await fetch(`${origin}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ready', ok: true });
  });

  it('gives every response a request id, and keeps a sane one it is given', async () => {
    const a = await fetch(`${origin}/healthz`);
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const b = await fetch(`${origin}/healthz`, { headers: { 'x-request-id': 'trace-12345678' } });
    expect(b.headers.get('x-request-id')).toBe('trace-12345678');
    const c = await fetch(`${origin}/healthz`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(c.headers.get('x-request-id')).not.toContain('<');
  });

  it('serves tRPC queries with superjson', async () => {
    const r = await fetch(`${origin}/trpc/system.info`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { result: { data: { json: { database: { kind: string } } } } };
    expect(['pglite', 'postgres']).toContain(body.result.data.json.database.kind);
  });

  it('refuses cross-site POSTs with 403 and a clear message', async () => {
    const evil = await fetch(`${origin}/trpc/system.info`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'errors.crossOrigin' } });
    const fetchSite = await fetch(`${origin}/trpc/system.info`, {
      method: 'POST',
      headers: { origin, 'sec-fetch-site': 'cross-site' },
      body: '{}',
    });
    expect(fetchSite.status).toBe(403);
    const headerless = await fetch(`${origin}/trpc/system.info`, { method: 'POST', body: '{}' });
    expect(headerless.status).toBe(403);
  });

  it('lets same-origin POSTs through to tRPC (which then answers for itself)', async () => {
    const r = await fetch(`${origin}/trpc/system.info`, {
      method: 'POST',
      headers: { origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: '{}',
    });
    // A query called as a mutation: tRPC's own 4xx, not the CSRF 403.
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.status).not.toBe(403);
  });

  it('answers unknown paths and oversized bodies with clear 4xx, never a stack trace', async () => {
    const nf = await fetch(`${origin}/nope.txt`);
    expect(nf.status).toBe(404);
    const big = await fetch(`${origin}/trpc/auth.logIn`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    const text = await big.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and no CORS headers', async () => {
    const r = await fetch(`${origin}/healthz`, { headers: { origin: 'https://evil.example' } });
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps public portfolio pages out of search engines and referrers', async () => {
    const r = await fetch(`${origin}/p/some-unguessable-token-123456`);
    expect(r.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
