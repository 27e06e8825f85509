import { BUILTIN_SKILL_KEYS } from '@masar/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnalysisOutcome, type AnalysisResult, analyzeRepository } from '../../server/src/github/analyze';
import { SIGNAL_SKILL_KEYS } from '../../server/src/github/signals';
import { AnalysisResultSchema } from '../../server/src/github/types';
import { type FakeGithub, startFakeGithub } from '../helpers/fake-github';

/**
 * The GitHub repository analysis against a local fake GitHub (tests/helpers/fake-github.ts) that
 * answers in GitHub's shapes: call budget and sequence, conditional requests, the failure modes
 * (404, rate limits, timeouts, size caps, malformed answers, redirects) and the signals.
 */

let fake: FakeGithub;
const NOW = new Date('2026-01-01T00:30:00Z');
const now = () => NOW;

beforeAll(async () => {
  fake = await startFakeGithub();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
});

function analyze(
  repo: string,
  options: { token?: string; timeoutMs?: number; maxBytes?: number; userAgent?: string; allowPrivate?: boolean } = {},
  extra: { authorLogin?: string | null; previous?: { etag: string | null; result: AnalysisResult | null } | null } = {},
) {
  return analyzeRepository(
    { apiUrl: fake.url, ...options },
    { owner: 'acme', repo, authorLogin: extra.authorLogin ?? null },
    extra.previous ?? null,
    now,
  );
}

function done(outcome: AnalysisOutcome) {
  if (outcome.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const paths = () => fake.calls.map((c) => `${c.method} ${c.path}`);
const signalList = (r: AnalysisResult) => r.signals.map((s) => [s.key, s.evidence]);
/** Evidence items (shared `EvidenceItem`): data without words, worded by the web app. */
const file = (path: string) => ({ kind: 'file', path });
const lang = (name: string, percent: number) => ({ kind: 'language', name, percent });
const dep = (manifest: string, name: string, note?: 'eloquent') => ({
  kind: 'dependency',
  manifest,
  name,
  ...(note ? { note } : {}),
});
const more = (count: number) => ({ kind: 'more', count });

function expectKnownSkills(result: AnalysisResult) {
  for (const key of result.suggestedSkills) expect(BUILTIN_SKILL_KEYS).toContain(key);
  for (const s of result.signals) for (const key of s.skillKeys) expect(BUILTIN_SKILL_KEYS).toContain(key);
  expect(result.suggestedSkills).toEqual([...new Set(result.signals.flatMap((s) => s.skillKeys))].sort());
  expect(AnalysisResultSchema.parse(result)).toEqual(result);
}

describe('signals per repository', () => {
  it('acme/node-api: TypeScript/Express with passport, prisma, ioredis, bullmq, pino, tests, CI, Docker, OpenAPI', async () => {
    const outcome = done(await analyze('node-api'));
    const sha = fake.headSha('acme/node-api');
    expect(outcome.apiCalls).toBe(5);
    expect(outcome.notModified).toBe(false);
    expect(outcome.etag).toBe(fake.repoEtag('acme/node-api'));
    expect(paths()).toEqual([
      'GET /repos/acme/node-api',
      'GET /repos/acme/node-api/languages',
      'GET /repos/acme/node-api/commits?sha=main&per_page=100',
      `GET /repos/acme/node-api/git/trees/${sha}?recursive=1`,
      `GET /repos/acme/node-api/contents/package.json?ref=${sha}`,
    ]);

    const r = outcome.result;
    expect(r.repo).toEqual({
      fullName: 'acme/node-api',
      htmlUrl: 'https://github.com/acme/node-api',
      description: 'Orders API: Express, Prisma, BullMQ',
      defaultBranch: 'main',
      headSha: sha,
      pushedAt: '2026-01-10T09:12:44Z',
      stars: 12,
      license: 'MIT',
      topics: ['express', 'prisma', 'typescript'],
      archived: false,
      fork: false,
    });
    expect(r.languages).toEqual({ TypeScript: 48210, JavaScript: 1320, Dockerfile: 410, Shell: 220 });
    expect(r.primaryLanguage).toBe('TypeScript');
    expect(r.track).toBe('node');
    expect(r.tree).toEqual({ fileCount: 20, truncated: false });
    expect(r.manifests).toEqual([{ path: 'package.json', status: 'read' }]);
    expect(signalList(r)).toEqual([
      ['language', [lang('TypeScript', 96), file('package.json')]],
      ['framework', [dep('package.json', 'express')]],
      ['orm', [dep('package.json', '@prisma/client')]],
      ['orm', [dep('package.json', 'prisma')]],
      ['auth', [dep('package.json', 'passport')]],
      ['cache', [dep('package.json', 'ioredis')]],
      ['queue', [dep('package.json', 'bullmq')]],
      ['observability', [dep('package.json', 'pino')]],
      ['docker', [file('Dockerfile')]],
      ['openapi', [file('openapi.yaml')]],
      ['ci', [file('.github/workflows/ci.yml')]],
      ['sql-migrations', [file('prisma/migrations/')]],
      ['tests', [file('test/auth.test.ts'), more(1)]],
      ['docs-deploy', [file('README.md'), file('Dockerfile')]],
    ]);
    expect(r.signals.find((s) => s.key === 'observability')?.skillKeys).toEqual(['observability', 'logging']);
    expect(r.signals.find((s) => s.key === 'docs-deploy')?.skillKeys).toEqual(['git', 'cloud-deploy']);
    expect(r.suggestedSkills).toEqual([
      'authentication',
      'backend-language',
      'caching',
      'ci-cd',
      'cloud-deploy',
      'databases-advanced',
      'docker',
      'first-api',
      'git',
      'logging',
      'message-queues',
      'observability',
      'rest-design',
      'sql-basics',
      'testing',
    ]);
    // the committed node_modules/ (a package.json with socket.io, a test, a Dockerfile) is ignored
    expect(r.signals.some((s) => JSON.stringify(s.evidence).includes('node_modules'))).toBe(false);
    expect(r.signals.some((s) => s.key === 'realtime')).toBe(false);
    expect(r.authorship).toBeNull();
    expect(r.notes).toEqual([]);
    expectKnownSkills(r);
  });

  it('acme/django-shop: Python/Django with DRF, celery, django-redis, tests, GitLab CI, compose', async () => {
    const outcome = done(await analyze('django-shop'));
    const sha = fake.headSha('acme/django-shop');
    expect(outcome.apiCalls).toBe(5);
    expect(paths()).toEqual([
      'GET /repos/acme/django-shop',
      'GET /repos/acme/django-shop/languages',
      'GET /repos/acme/django-shop/commits?sha=main&per_page=100',
      `GET /repos/acme/django-shop/git/trees/${sha}?recursive=1`,
      `GET /repos/acme/django-shop/contents/requirements.txt?ref=${sha}`,
    ]);
    const r = outcome.result;
    expect(r.track).toBe('python');
    expect(r.primaryLanguage).toBe('Python');
    expect(r.repo.license).toBeNull();
    expect(r.manifests).toEqual([{ path: 'requirements.txt', status: 'read' }]);
    expect(signalList(r)).toEqual([
      ['language', [lang('Python', 87), file('requirements.txt')]],
      ['framework', [dep('requirements.txt', 'django')]],
      ['framework', [dep('requirements.txt', 'djangorestframework')]],
      ['sql-driver', [dep('requirements.txt', 'psycopg2-binary')]],
      ['cache', [dep('requirements.txt', 'django-redis')]],
      ['queue', [dep('requirements.txt', 'celery')]],
      ['ci', [file('.gitlab-ci.yml')]],
      ['docker', [file('docker-compose.yml')]],
      ['sql-migrations', [file('shop/migrations/')]],
      ['tests', [file('shop/tests/test_orders.py')]],
      ['docs-deploy', [file('README.md'), file('Procfile')]],
    ]);
    expect(r.suggestedSkills).toEqual([
      'backend-language',
      'caching',
      'ci-cd',
      'cloud-deploy',
      'databases-advanced',
      'docker',
      'first-api',
      'git',
      'message-queues',
      'sql-basics',
      'testing',
    ]);
    expectKnownSkills(r);
  });

  it('acme/laravel-blog: PHP/Laravel with sanctum, predis, migrations; two manifests, own track first', async () => {
    const outcome = done(await analyze('laravel-blog'));
    const sha = fake.headSha('acme/laravel-blog');
    expect(outcome.apiCalls).toBe(6);
    expect(paths()).toEqual([
      'GET /repos/acme/laravel-blog',
      'GET /repos/acme/laravel-blog/languages',
      'GET /repos/acme/laravel-blog/commits?sha=master&per_page=100',
      `GET /repos/acme/laravel-blog/git/trees/${sha}?recursive=1`,
      `GET /repos/acme/laravel-blog/contents/composer.json?ref=${sha}`,
      `GET /repos/acme/laravel-blog/contents/package.json?ref=${sha}`,
    ]);
    const r = outcome.result;
    expect(r.track).toBe('php');
    expect(r.repo.license).toBe('Other'); // spdx NOASSERTION → the licence's name
    expect(r.repo.defaultBranch).toBe('master');
    expect(r.manifests).toEqual([
      { path: 'composer.json', status: 'read' },
      { path: 'package.json', status: 'read' },
    ]);
    expect(signalList(r)).toEqual([
      ['language', [lang('PHP', 77), file('composer.json')]],
      ['framework', [dep('composer.json', 'laravel/framework')]],
      ['orm', [dep('composer.json', 'laravel/framework', 'eloquent')]],
      ['auth', [dep('composer.json', 'laravel/sanctum')]],
      ['cache', [dep('composer.json', 'predis/predis')]],
      ['sql-migrations', [file('database/migrations/')]],
      // Laravel's generated ExampleTest.php files and TestCase.php do not count
      ['tests', [file('tests/Feature/PostApiTest.php')]],
    ]);
    expect(r.suggestedSkills).toEqual([
      'authentication',
      'backend-language',
      'caching',
      'databases-advanced',
      'first-api',
      'sql-basics',
      'testing',
    ]);
    expectKnownSkills(r);
  });

  it('suggests only built-in roadmap skill keys', () => {
    for (const key of SIGNAL_SKILL_KEYS) expect(BUILTIN_SKILL_KEYS).toContain(key);
  });
});

describe('call budget and conditional requests', () => {
  it('answers a 304 with the previous result after one call, sending if-none-match', async () => {
    const first = done(await analyze('unchanged'));
    expect(first.apiCalls).toBe(5);
    expect(first.etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    expect(fake.calls[0]?.headers['if-none-match']).toBeUndefined();

    fake.resetCalls();
    const second = done(await analyze('unchanged', {}, { previous: { etag: first.etag, result: first.result } }));
    expect(second).toEqual({ kind: 'done', result: first.result, etag: first.etag, notModified: true, apiCalls: 1 });
    expect(second.result).toBe(first.result);
    expect(paths()).toEqual(['GET /repos/acme/unchanged']);
    expect(fake.calls[0]?.headers['if-none-match']).toBe(first.etag);
  });

  it('runs the full analysis when the stored ETag is stale', async () => {
    const stale = done(await analyze('unchanged')).result;
    fake.resetCalls();
    const outcome = done(await analyze('unchanged', {}, { previous: { etag: 'W/"stale"', result: stale } }));
    expect(outcome.notModified).toBe(false);
    expect(outcome.apiCalls).toBe(5);
    expect(outcome.etag).toBe(fake.repoEtag('acme/unchanged'));
    expect(fake.calls[0]?.headers['if-none-match']).toBe('W/"stale"');
    expect(fake.calls.slice(1).every((c) => c.headers['if-none-match'] === undefined)).toBe(true);
  });

  it('a push changes the ETag and the head SHA: the next analysis reads the repository again', async () => {
    const first = done(await analyze('node-api'));
    const newHead = fake.pushCommit('acme/node-api', {
      message: 'Add Kubernetes manifests',
      files: { 'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\n' },
    });
    fake.resetCalls();
    const second = done(await analyze('node-api', {}, { previous: { etag: first.etag, result: first.result } }));
    expect(second.notModified).toBe(false);
    expect(second.etag).not.toBe(first.etag);
    expect(second.result.repo.headSha).toBe(newHead);
    expect(second.result.repo.headSha).not.toBe(first.result.repo.headSha);
    expect(second.result.signals).toContainEqual({
      key: 'kubernetes',
      skillKeys: ['kubernetes-basics'],
      evidence: [file('k8s/')],
    });
    expect(fake.calls[0]?.headers['if-none-match']).toBe(first.etag);
  });

  it('does not send if-none-match without a previous result to fall back on', async () => {
    const etag = fake.repoEtag('acme/unchanged');
    const outcome = done(await analyze('unchanged', {}, { previous: { etag, result: null } }));
    expect(outcome.notModified).toBe(false);
    expect(fake.calls[0]?.headers['if-none-match']).toBeUndefined();
  });

  it('never makes more than 6 calls: a rename redirect counts, and the last manifest is left unread', async () => {
    fake.setScenario('acme/old-blog', { redirect: { on: 'repo', location: '{url}/repositories/103' } });
    const outcome = done(await analyze('old-blog'));
    const sha = fake.headSha('acme/laravel-blog');
    expect(outcome.apiCalls).toBe(6);
    // after the redirect the analysis carries on under the canonical name
    expect(paths()).toEqual([
      'GET /repos/acme/old-blog',
      'GET /repositories/103',
      'GET /repos/acme/laravel-blog/languages',
      'GET /repos/acme/laravel-blog/commits?sha=master&per_page=100',
      `GET /repos/acme/laravel-blog/git/trees/${sha}?recursive=1`,
      `GET /repos/acme/laravel-blog/contents/composer.json?ref=${sha}`,
    ]);
    expect(outcome.result.repo.fullName).toBe('acme/laravel-blog');
    expect(outcome.result.manifests).toEqual([{ path: 'composer.json', status: 'read' }]);
    expect(outcome.result.notes).toEqual([{ kind: 'manifestSkipped', path: 'package.json' }]);
  });
});

describe('failures GitHub can answer', () => {
  it('private or missing repositories are not_found after one call', async () => {
    expect(await analyze('private-thing')).toEqual({ kind: 'not_found', apiCalls: 1 });
    expect(paths()).toEqual(['GET /repos/acme/private-thing']);
    fake.resetCalls();
    expect(await analyze('no-such-repo')).toEqual({ kind: 'not_found', apiCalls: 1 });
  });

  it('a private repository the token can read is still not_found unless allowPrivate', async () => {
    expect(await analyze('private-thing', { token: 'token-with-access' })).toEqual({ kind: 'not_found', apiCalls: 1 });
    const outcome = done(await analyze('private-thing', { token: 'token-with-access', allowPrivate: true }));
    expect(outcome.result.track).toBe('go');
    expect(outcome.result.notes).toContainEqual({ kind: 'private' });
  });

  it('rate limit on the repo call: retryAt from x-ratelimit-reset', async () => {
    const outcome = await analyze('limited');
    expect(outcome).toEqual({ kind: 'rate_limited', retryAt: new Date(1767229200 * 1000), apiCalls: 1 });
  });

  it('rate limit on a later call: 429 with retry-after (seconds from now)', async () => {
    fake.setScenario('acme/node-api', { rateLimit: { on: 'commits', status: 429, retryAfter: 120 } });
    const outcome = await analyze('node-api');
    expect(outcome).toEqual({ kind: 'rate_limited', retryAt: new Date(NOW.getTime() + 120_000), apiCalls: 3 });
  });

  it('secondary rate limit: 403 with retry-after, on a manifest call', async () => {
    fake.setScenario('acme/node-api', { rateLimit: { on: 'contents', status: 403, retryAfter: 30 } });
    expect(await analyze('node-api')).toEqual({
      kind: 'rate_limited',
      retryAt: new Date(NOW.getTime() + 30_000),
      apiCalls: 5,
    });
  });

  it('a reset already past is not usable: default 60 s', async () => {
    fake.setScenario('acme/node-api', { rateLimit: { on: 'languages', reset: 1_700_000_000 } });
    expect(await analyze('node-api')).toEqual({
      kind: 'rate_limited',
      retryAt: new Date(NOW.getTime() + 60_000),
      apiCalls: 2,
    });
  });

  it('a 403 that is not a rate limit fails with http_403', async () => {
    fake.setScenario('acme/node-api', { status: { on: 'repo', code: 403 } });
    expect(await analyze('node-api')).toEqual({ kind: 'failed', reason: 'http_403', apiCalls: 1 });
  });

  it('5xx fails with http_<status>; an empty repository (409) with empty_repository', async () => {
    fake.setScenario('acme/node-api', { status: { on: 'tree', code: 502 } });
    expect(await analyze('node-api')).toEqual({ kind: 'failed', reason: 'http_502', apiCalls: 4 });
    fake.setScenario('acme/node-api', { status: { on: 'commits', code: 409 } });
    expect(await analyze('node-api')).toEqual({ kind: 'failed', reason: 'empty_repository', apiCalls: 3 });
  });

  it('malformed JSON fails with malformed_response', async () => {
    expect(await analyze('broken')).toEqual({ kind: 'failed', reason: 'malformed_response', apiCalls: 2 });
    expect(paths()).toEqual(['GET /repos/acme/broken', 'GET /repos/acme/broken/languages']);
  });

  it('JSON that fails the schema fails with malformed_response', async () => {
    fake.setScenario('acme/node-api', { wrongShape: 'repo' });
    expect(await analyze('node-api')).toEqual({ kind: 'failed', reason: 'malformed_response', apiCalls: 1 });
    fake.setScenario('acme/node-api', { wrongShape: 'commits' });
    expect(await analyze('node-api')).toEqual({ kind: 'failed', reason: 'malformed_response', apiCalls: 3 });
    fake.setScenario('acme/node-api', { wrongShape: 'contents' });
    expect(await analyze('node-api')).toEqual({ kind: 'failed', reason: 'malformed_response', apiCalls: 5 });
  });

  it('a slow answer times out: before the headers, or in the middle of the body', async () => {
    fake.setScenario('acme/node-api', { delay: { on: 'languages', ms: 2_000 } });
    expect(await analyze('node-api', { timeoutMs: 150 })).toEqual({ kind: 'failed', reason: 'timeout', apiCalls: 2 });
    fake.setScenario('acme/node-api', { delay: { on: 'tree', ms: 2_000, phase: 'body' } });
    expect(await analyze('node-api', { timeoutMs: 150 })).toEqual({ kind: 'failed', reason: 'timeout', apiCalls: 4 });
  });

  it('a response past maxBytes fails with too_large (counted after gzip is undone)', async () => {
    // The 3 000-entry tree is ~1.3 MB of JSON but ~200 kB gzipped: the cap applies to the JSON.
    expect(await analyze('huge-tree', { maxBytes: 500_000 })).toEqual({
      kind: 'failed',
      reason: 'too_large',
      apiCalls: 4,
    });
    expect(fake.calls[3]?.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('refuses a redirect to another origin, without following it', async () => {
    fake.setScenario('acme/moved', { redirect: { on: 'repo', location: 'http://localhost:{port}/repositories/101' } });
    expect(await analyze('moved')).toEqual({ kind: 'failed', reason: 'redirect_refused', apiCalls: 1 });
    expect(paths()).toEqual(['GET /repos/acme/moved']);
    fake.resetCalls();
    fake.setScenario('acme/moved', { redirect: { on: 'repo', location: 'https://evil.example/repos/acme/node-api' } });
    expect(await analyze('moved', { token: 'secret' })).toEqual({
      kind: 'failed',
      reason: 'redirect_refused',
      apiCalls: 1,
    });
    expect(fake.calls).toHaveLength(1);
  });

  it('follows at most 2 same-origin redirect hops', async () => {
    fake.setScenario('acme/loop', { redirect: { on: 'repo', location: '{url}/repos/acme/loop' } });
    expect(await analyze('loop')).toEqual({ kind: 'failed', reason: 'too_many_redirects', apiCalls: 3 });
    expect(fake.calls).toHaveLength(3);
  });

  it('an unreachable API fails with network_error; a bad ref makes no call', async () => {
    const closed = await startFakeGithub();
    const url = closed.url;
    await closed.close();
    expect(await analyzeRepository({ apiUrl: url }, { owner: 'acme', repo: 'node-api' }, null, now)).toEqual({
      kind: 'failed',
      reason: 'network_error',
      apiCalls: 1,
    });
    expect(await analyzeRepository({ apiUrl: fake.url }, { owner: 'acme', repo: '..' }, null, now)).toEqual({
      kind: 'failed',
      reason: 'invalid_ref',
      apiCalls: 0,
    });
    expect(fake.calls).toHaveLength(0);
  });
});

describe('trees and manifests', () => {
  it('a truncated tree gives signals from the partial list, with a note', async () => {
    const outcome = done(await analyze('huge-tree'));
    const r = outcome.result;
    expect(outcome.apiCalls).toBe(5);
    expect(r.tree).toEqual({ fileCount: 3003, truncated: true });
    expect(r.notes).toEqual([{ kind: 'treeTruncated' }]);
    expect(r.track).toBe('go');
    expect(signalList(r)).toEqual([
      ['language', [lang('Go', 100), file('go.mod')]],
      ['framework', [dep('go.mod', 'github.com/gin-gonic/gin')]],
      ['cache', [dep('go.mod', 'github.com/redis/go-redis/v9')]],
    ]);
    expectKnownSkills(r);
  });

  it('a manifest over the size cap is recorded too_large and not downloaded; the next one is read', async () => {
    const outcome = done(await analyze('big-manifest'));
    const sha = fake.headSha('acme/big-manifest');
    expect(outcome.apiCalls).toBe(5);
    expect(paths()).not.toContain(`GET /repos/acme/big-manifest/contents/package.json?ref=${sha}`);
    expect(paths().at(-1)).toBe(`GET /repos/acme/big-manifest/contents/server/package.json?ref=${sha}`);
    const r = outcome.result;
    expect(r.manifests).toEqual([
      { path: 'package.json', status: 'too_large' },
      { path: 'server/package.json', status: 'read' },
    ]);
    expect(r.notes).toEqual([{ kind: 'manifestTooLarge', path: 'package.json', bytes: 5_000_000, limit: 200_000 }]);
    expect(signalList(r)).toEqual([
      ['language', [lang('JavaScript', 100), file('package.json')]],
      ['framework', [dep('server/package.json', 'koa')]],
      ['realtime', [dep('server/package.json', 'ws')]],
    ]);
    expect(r.signals.find((s) => s.key === 'realtime')?.skillKeys).toEqual(['message-queues']);
  });

  it('a manifest answer that grows past its cap while streaming is too_large, and the analysis goes on', async () => {
    fake.setScenario('acme/node-api', { padding: { on: 'contents', bytes: 400_000 } });
    const outcome = done(await analyze('node-api'));
    expect(outcome.apiCalls).toBe(5);
    expect(outcome.result.manifests).toEqual([{ path: 'package.json', status: 'too_large' }]);
    expect(outcome.result.notes).toEqual([
      { kind: 'manifestAnswerTooLarge', path: 'package.json', limit: expect.any(Number) },
    ]);
    // no dependency signals without the manifest, file signals still there
    expect(
      outcome.result.signals.some((s) => Array.isArray(s.evidence) && s.evidence.some((e) => e.kind === 'dependency')),
    ).toBe(false);
    expect(outcome.result.signals.some((s) => s.key === 'docker')).toBe(true);
  });

  it('a manifest that is not valid JSON is unreadable', async () => {
    const def = fake.repoDef('acme/unchanged');
    fake.addRepo({ ...def, id: 901, name: 'bad-json', files: { ...def.files, 'package.json': '{ "dependencies": ' } });
    const outcome = done(await analyze('bad-json'));
    expect(outcome.result.manifests).toEqual([{ path: 'package.json', status: 'unreadable' }]);
    expect(outcome.result.notes).toEqual([{ kind: 'manifestInvalid', path: 'package.json', format: 'json' }]);
  });

  it('a pyproject.toml that is not TOML is unreadable, gives no dependency, and the pom.xml after it is read', async () => {
    const def = fake.repoDef('acme/django-shop');
    const { 'requirements.txt': _requirements, ...files } = def.files;
    fake.addRepo({
      ...def,
      id: 902,
      name: 'bad-toml',
      files: {
        ...files,
        // an unterminated array: the old line scanner read "django" from it
        'pyproject.toml': '[project]\nname = "shop"\ndependencies = [\n  "django>=5",\n',
        'pom.xml':
          '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><dependencies>\n' +
          '  <!-- <dependency><artifactId>spring-kafka</artifactId></dependency> -->\n' +
          '  <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>\n' +
          '</dependencies></project>\n',
      },
    });
    const outcome = done(await analyze('bad-toml'));
    expect(outcome.apiCalls).toBe(6);
    const r = outcome.result;
    expect(r.manifests).toEqual([
      { path: 'pyproject.toml', status: 'unreadable' },
      { path: 'pom.xml', status: 'read' },
    ]);
    expect(r.notes).toEqual([{ kind: 'manifestInvalid', path: 'pyproject.toml', format: 'other' }]);
    const dependencies = r.signals
      .flatMap((s) => (Array.isArray(s.evidence) ? s.evidence : []))
      .filter((e) => e.kind === 'dependency');
    expect(dependencies).toEqual([dep('pom.xml', 'postgresql')]);
  });
});

describe('authorship and request headers', () => {
  it('counts the commits on the page authored by the login, case-insensitively', async () => {
    fake.setScenario('acme/node-api', { authorship: { login: 'Learner1', authored: 3, total: 4 } });
    const outcome = done(await analyze('node-api', {}, { authorLogin: 'learner1' }));
    expect(outcome.result.authorship).toEqual({ login: 'learner1', authored: 3, total: 4, share: 0.75 });
    expect(outcome.result.repo.headSha).toBe(fake.headSha('acme/node-api'));
  });

  it('reads one page of 100 commits and says so', async () => {
    fake.setScenario('acme/node-api', { authorship: { login: 'learner1', authored: 30, total: 150 } });
    const outcome = done(await analyze('node-api', {}, { authorLogin: 'learner1' }));
    expect(outcome.result.authorship).toEqual({ login: 'learner1', authored: 30, total: 100, share: 0.3 });
    expect(outcome.result.notes).toContainEqual({ kind: 'authorshipWindow', commits: 100 });
  });

  it('unlinked commits count in the total; no login means no authorship', async () => {
    const withLogin = done(await analyze('node-api', {}, { authorLogin: 'LEARNER1' }));
    expect(withLogin.result.authorship).toEqual({ login: 'LEARNER1', authored: 2, total: 4, share: 0.5 });
    const without = done(await analyze('node-api', {}, { authorLogin: null }));
    expect(without.result.authorship).toBeNull();
  });

  it('bots count for nobody: [bot] logins, type Bot, GitHub Actions and Renovate by name (#17)', async () => {
    const def = fake.repoDef('acme/node-api');
    const mine = Array.from({ length: 16 }, (_, i) => ({ login: 'learner1', message: `Work ${i}` }));
    fake.addRepo({
      ...def,
      id: 910,
      name: 'with-bots',
      commits: [
        { login: 'dependabot[bot]', message: 'Bump express' },
        { login: 'renovate-app', type: 'Bot', message: 'Update deps' },
        { login: null, name: 'github-actions', message: 'Format' },
        { login: null, name: 'Renovate', message: 'Lock file' },
        ...mine,
        { login: 'dependabot[bot]', message: 'Bump zod' },
      ],
    });
    const outcome = done(await analyze('with-bots', {}, { authorLogin: 'learner1' }));
    expect(outcome.result.authorship).toEqual({ login: 'learner1', authored: 16, total: 16, share: 1 });
  });

  it('matches no-reply addresses and Co-authored-by trailers; other people still count (#17)', async () => {
    const def = fake.repoDef('acme/node-api');
    fake.addRepo({
      ...def,
      id: 911,
      name: 'no-reply',
      commits: [
        { login: null, email: '12345+Learner1@users.noreply.github.com', message: 'From a laptop' },
        { login: null, email: 'learner1@users.noreply.github.com', message: 'Old no-reply form' },
        {
          login: 'pair-partner',
          message: 'Pairing\n\nCo-authored-by: Learner One <999+learner1@users.noreply.github.com>',
        },
        { login: 'pair-partner', message: 'Alone' },
        { login: null, email: '1+learner10@users.noreply.github.com', message: 'A different person' },
      ],
    });
    const outcome = done(await analyze('no-reply', {}, { authorLogin: 'learner1' }));
    expect(outcome.result.authorship).toEqual({ login: 'learner1', authored: 3, total: 5, share: 0.6 });
  });

  it('a login added or changed after an analysis reads past the ETag and computes authorship (#17)', async () => {
    fake.setScenario('acme/node-api', { authorship: { login: 'learner1', authored: 3, total: 4 } });
    const first = done(await analyze('node-api', {}, { authorLogin: null }));
    expect(first.result.authorship).toBeNull();
    const previous = { etag: first.etag, result: first.result };

    const added = done(await analyze('node-api', {}, { authorLogin: 'learner1', previous }));
    expect(added.notModified).toBeFalsy();
    expect(added.result.authorship).toEqual({ login: 'learner1', authored: 3, total: 4, share: 0.75 });

    const again = done(
      await analyze('node-api', {}, { authorLogin: 'Learner1', previous: { etag: added.etag, result: added.result } }),
    );
    expect(again.notModified).toBe(true);
    expect(again.result.authorship).toEqual(added.result.authorship);

    const changed = done(
      await analyze(
        'node-api',
        {},
        { authorLogin: 'someone-else', previous: { etag: added.etag, result: added.result } },
      ),
    );
    expect(changed.notModified).toBeFalsy();
    expect(changed.result.authorship?.login).toBe('someone-else');
  });

  it('sends the token as a bearer on every call when given, and never otherwise', async () => {
    done(await analyze('node-api', { token: 'ghp_test123', userAgent: 'masar-test' }));
    expect(fake.calls).toHaveLength(5);
    for (const call of fake.calls) {
      expect(call.headers.authorization).toBe('Bearer ghp_test123');
      expect(call.headers['user-agent']).toBe('masar-test');
      expect(call.headers.accept).toBe('application/vnd.github+json');
      expect(call.headers['x-github-api-version']).toBe('2022-11-28');
    }
    fake.resetCalls();
    done(await analyze('node-api'));
    expect(fake.calls).toHaveLength(5);
    for (const call of fake.calls) {
      expect(call.headers.authorization).toBeUndefined();
      expect(call.headers['user-agent']).toBe('masar-repo-analysis');
    }
  });
});

describe('the fake GitHub', () => {
  it('can enforce the primary rate limit of 60 unauthenticated calls', async () => {
    const strict = await startFakeGithub({ enforceRateLimit: true });
    try {
      for (let i = 0; i < 60; i++) expect((await fetch(`${strict.url}/repos/acme/unchanged`)).status).toBe(200);
      const outcome = await analyzeRepository({ apiUrl: strict.url }, { owner: 'acme', repo: 'unchanged' }, null, now);
      expect(outcome.kind).toBe('rate_limited');
      // with a token the limit is 5000
      expect(
        done(await analyzeRepository({ apiUrl: strict.url, token: 't' }, { owner: 'acme', repo: 'unchanged' }))
          .apiCalls,
      ).toBe(5);
    } finally {
      await strict.close();
    }
  });

  it('answers with GitHub-like headers and shapes', async () => {
    const res = await fetch(`${fake.url}/repos/acme/node-api`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('etag')).toBe(fake.repoEtag('acme/node-api'));
    expect(res.headers.get('x-ratelimit-limit')).toBe('60');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('59');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const repo = (await res.json()) as Record<string, unknown>;
    expect(repo).toMatchObject({ id: 101, full_name: 'acme/node-api', private: false, owner: { login: 'acme' } });

    const sha = fake.headSha('acme/node-api');
    const file = (await (await fetch(`${fake.url}/repos/acme/node-api/contents/package.json?ref=${sha}`)).json()) as {
      content: string;
      encoding: string;
    };
    expect(file.encoding).toBe('base64');
    const lines = file.content.split('\n');
    expect(lines[0]).toHaveLength(60);
    expect(JSON.parse(Buffer.from(file.content, 'base64').toString('utf8'))).toMatchObject({ name: 'node-api' });

    const missing = await fetch(`${fake.url}/repos/acme/private-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
      status: '404',
    });
  });
});
