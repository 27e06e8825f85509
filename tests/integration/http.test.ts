import { loadConfig, type RunningServerLike, startServer, withScope } from '@masar/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOrg } from '../helpers/procedures';
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
    const body = (await r.json()) as { result: { data: { json: unknown } } };
    // anonymous: only whether the service is up (no versions, decision 019)
    expect(body.result.data.json).toEqual({ ok: true, demo: false, details: null });
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

/** POST a raw body to a tRPC procedure as the web app would (same origin). */
async function post(procedure: string, body: string) {
  const r = await fetch(`${origin}/trpc/${procedure}`, {
    method: 'POST',
    headers: { origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    body,
  });
  const text = await r.text();
  expect(text, 'no stack trace').not.toMatch(/at .*\.(ts|js):\d+/);
  let json: { error?: { json?: { message?: string; data?: { code?: string; zodError?: unknown } } } } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the assertions below say so
  }
  return { status: r.status, message: json.error?.json?.message, data: json.error?.json?.data };
}

describe('hostile requests', () => {
  it('refuses a body just over 1 MB with 413 and a message key; just under gets to validation', async () => {
    const over = await post('auth.logIn', JSON.stringify({ json: { email: 'a'.repeat(1024 * 1024), password: 'x' } }));
    expect(over.status).toBe(413);
    expect(over.message).toBe('errors.payloadTooLarge');
    const under = await post('auth.logIn', JSON.stringify({ json: { email: 'a'.repeat(1000 * 1000), password: 'x' } }));
    expect(under.status).toBe(400);
    expect(under.message).toBe('errors.validation');
  });

  it('answers deeply nested JSON with a 4xx, not a crash', async () => {
    for (const depth of [1_000, 100_000]) {
      const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const r = await post('auth.logIn', `{"json":${deep}}`);
      expect(r.status, `depth ${depth}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `depth ${depth}`).toBeLessThan(500);
      expect(r.message, `depth ${depth}`).toMatch(/^errors\./);
      const arr = await post(
        'auth.logIn',
        `{"json":{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}}`,
      );
      expect(arr.status, `array depth ${depth}`).toBe(400);
      expect(arr.message).toMatch(/^errors\./);
    }
    // superjson metadata is walked too: a deep "meta" must not crash it either
    const meta = await post(
      'auth.logIn',
      `{"json":{"email":"a@b.test","password":"x"},"meta":{"values":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}}`,
    );
    expect(meta.status).toBeGreaterThanOrEqual(400);
    expect(meta.status).toBeLessThan(500);
  });

  it('answers wrong types, malformed JSON and missing input with 400 and a message key', async () => {
    const wrong = await post('auth.logIn', JSON.stringify({ json: { email: 42, password: ['x'] } }));
    expect(wrong.status).toBe(400);
    expect(wrong.message).toBe('errors.validation');
    expect(wrong.data?.zodError).toMatchObject({
      fieldErrors: { email: expect.any(Array), password: expect.any(Array) },
    });
    for (const body of [
      '{"json":',
      'not json',
      '',
      '{"json":null}',
      '[1,2,3]',
      '"a string"',
      '{"json":{"email":{"$gt":""}}}',
    ]) {
      const r = await post('auth.logIn', body);
      expect(r.status, body).toBe(400);
      expect(r.message, body).toMatch(/^errors\./);
    }
    const unknownProcedure = await post('auth.nope', '{}');
    expect(unknownProcedure.status).toBe(404);
    expect(unknownProcedure.message).toBe('errors.notFound');
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

  it('keeps CORS closed: no preflight answer or allow headers for a foreign origin', async () => {
    const preflight = await fetch(`${origin}/trpc/auth.logIn`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    for (const h of [
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'access-control-allow-methods',
    ]) {
      expect(preflight.headers.get(h), h).toBeNull();
    }
    const query = await fetch(`${origin}/trpc/system.info`, { headers: { origin: 'https://evil.example' } });
    expect(query.headers.get('access-control-allow-origin')).toBeNull();
    expect(query.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows no inline script, no eval, no plugins and no framing in the CSP', async () => {
    const csp = (await fetch(`${origin}/healthz`)).headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives['script-src']).toBe("'self'");
    expect(directives['default-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['base-uri']).toBe("'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('*');
    expect(directives['script-src-attr'] ?? "'none'").toBe("'none'");
  });

  it('keeps public portfolio pages out of search engines and referrers', async () => {
    const r = await fetch(`${origin}/p/some-unguessable-token-123456`);
    expect(r.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('CSV exports under hostile requests (issue #15)', () => {
  it('answers a NUL or an invalid slug in the path with 404, never a 500', async () => {
    const { fx, members } = await makeOrg(testDeps(database));
    const cookie = `masar_session=${members.owner.jar.token}`;
    for (const slug of [
      'my%00org',
      `${fx.orgSlug}%00`,
      `${fx.orgSlug.slice(0, 3)}%00${fx.orgSlug.slice(3)}`,
      '%00',
      'UPPER-Case',
    ]) {
      const r = await fetch(`${origin}/export/${slug}/cohorts/${fx.cohortId}/progress.csv`, { headers: { cookie } });
      expect(r.status, slug).toBe(404);
      expect(await r.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'errors.notFound' } });
    }
    // a lone surrogate's UTF-8 bytes do not decode: 400
    const surrogate = await fetch(`${origin}/export/%ED%A0%80x/cohorts/${fx.cohortId}/progress.csv`, {
      headers: { cookie },
    });
    expect(surrogate.status).toBe(400);
    const ok = await fetch(`${origin}/export/${fx.orgSlug}/cohorts/${fx.cohortId}/progress.csv`, {
      headers: { cookie },
    });
    expect(ok.status).toBe(200);
    expect((await ok.text()).trimEnd().split('\r\n').length).toBeGreaterThan(1);
  });

  it('an export that fails mid-stream is a failed download, never a short "successful" file', async () => {
    const { fx, members } = await makeOrg(testDeps(database));
    const cookie = `masar_session=${members.owner.jar.token}`;
    const url = `${origin}/export/${fx.orgSlug}/cohorts/${fx.cohortId}/progress.csv`;
    const orgId = (await members.owner.caller.org.get({ orgSlug: fx.orgSlug })).id;
    // 120 more learners (the export pages by 100), the last of them with a verified skill: its
    // date is rendered in the organisation's zone, so the second page is the first to use the zone
    const tag = fx.orgSlug.replace(/-/g, '');
    await withScope(database, { orgId }, async (tx) => {
      await tx.execute(sql`insert into users (id, email, email_normalized, name, password_hash)
        select gen_random_uuid(), ${tag} || g || '@example.test', ${tag} || g || '@example.test', 'Zz ' || lpad(g::text, 3, '0'), 'x'
        from generate_series(1, 120) g`);
      await tx.execute(sql`insert into cohort_members (org_id, cohort_id, user_id, role)
        select ${orgId}, ${fx.cohortId}, id, 'learner' from users where email like ${`${tag}%@example.test`}`);
      await tx.execute(sql`insert into skill_progress (org_id, learner_id, skill_id, status, verified_at)
        select ${orgId}, id, ${fx.skillId}, 'verified', now() from users where email = ${`${tag}120@example.test`}`);
    });
    const whole = await (await fetch(url, { headers: { cookie } })).text();
    const lines = whole.trimEnd().split('\r\n').length;
    expect(lines).toBeGreaterThan(100 * 20);
    // a zone PostgreSQL refuses, written past the validation (as an older row could hold)
    await database.db.execute(sql`update organizations set time_zone = 'US/Pacific-New' where id = ${orgId}`);
    const r = await fetch(url, { headers: { cookie } });
    expect(r.status).toBe(200); // the first page went out…
    const reader = r.body!.getReader();
    let received = 0;
    let failed = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
      }
    } catch {
      failed = true; // …then the connection was dropped: no final chunk, the download fails
    }
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(Buffer.byteLength(whole));
    expect(failed).toBe(true);
    // the server goes on serving
    await database.db.execute(sql`update organizations set time_zone = 'Africa/Cairo' where id = ${orgId}`);
    expect(await (await fetch(url, { headers: { cookie } })).text()).toBe(whole);
  });
});
