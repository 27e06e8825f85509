import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/**
 * A local stand-in for GitHub's REST API (v2022-11-28) on 127.0.0.1, answering in GitHub's
 * response shapes and headers (etag, x-ratelimit-*, gzip, 304 on a matching if-none-match, 404
 * for private repositories) for the repositories defined in tests/fixtures/github/*.json.
 * Scenarios bend one endpoint of one repository: rate limits, broken JSON, slowness, redirects…
 */

export type Endpoint = 'repo' | 'languages' | 'commits' | 'tree' | 'contents';

/** A file of a fake repository: text, a JSON document, lines, or only a size (content generated). */
export type FakeFile = string | { json: unknown } | { lines: string[] } | { size: number };

export interface FakeCommit {
  /** The linked GitHub account; null when the commit email is linked to none. */
  login: string | null;
  name?: string;
  email?: string;
  date?: string;
  message: string;
  /** The linked account's type; GitHub says 'Bot' for apps such as dependabot[bot]. */
  type?: 'User' | 'Bot';
}

export interface Scenario {
  /** GitHub's rate limit on one endpoint: 403 with x-ratelimit-remaining 0 and a reset, or a 429/403 with retry-after. */
  rateLimit?: { on: Endpoint; status?: 403 | 429; reset?: number; retryAfter?: number };
  /** A body that is not JSON. */
  malformed?: Endpoint;
  /** Valid JSON in the wrong shape (e.g. stargazers_count as a string). */
  wrongShape?: Endpoint;
  /** Answer late: before the headers, or after half of the body. */
  delay?: { on: Endpoint; ms: number; phase?: 'headers' | 'body' };
  /** Redirect; `{url}` in the location is this server's base URL, `{port}` its port. */
  redirect?: { on: Endpoint; location: string; status?: 301 | 302 | 307 | 308 };
  /** Inflate the JSON answer by this many bytes (an extra field). */
  padding?: { on: Endpoint; bytes: number };
  /** Answer this status with GitHub's error body. */
  status?: { on: Endpoint; code: number };
  /** Replace the commits page: `authored` of `total` commits by `login`, the rest by others or unlinked. */
  authorship?: { login: string; authored: number; total: number };
}

export interface FakeRepoDef {
  id: number;
  owner: string;
  name: string;
  description?: string | null;
  defaultBranch?: string;
  private?: boolean;
  /** For a private repository: the token that can read it (others get 404, like GitHub). */
  readToken?: string;
  fork?: boolean;
  archived?: boolean;
  stars?: number;
  license?: { key: string; name: string; spdx_id: string | null } | null;
  topics?: string[];
  pushedAt?: string;
  createdAt?: string;
  languages: Record<string, number>;
  commits?: FakeCommit[];
  files: Record<string, FakeFile>;
  /** Many generated files: `{i}` in the pattern is the file number. */
  generatedFiles?: { count: number; pattern: string };
  /** Say `truncated: true` in the tree answer (GitHub's limit is 100 000 entries or 7 MB). */
  truncated?: boolean;
  scenario?: Scenario;
}

export interface RecordedCall {
  method: string;
  /** Path and query as requested, e.g. `/repos/acme/node-api/commits?sha=main&per_page=100`. */
  path: string;
  headers: Record<string, string>;
}

export interface FakeGithub {
  url: string;
  calls: RecordedCall[];
  /** Replace the scenario of a repository (by full name; the repository need not be defined). */
  setScenario(fullName: string, scenario: Scenario | null): void;
  /** Add or replace a repository. */
  addRepo(def: FakeRepoDef): void;
  /** A copy of a repository's definition, to derive another from it. */
  repoDef(fullName: string): FakeRepoDef;
  /**
   * A new commit on the default branch: a new head SHA, a later pushed_at (so a new repository
   * ETag), and optionally changed files (a null content deletes the file).
   */
  pushCommit(
    fullName: string,
    commit?: { message?: string; login?: string | null; files?: Record<string, FakeFile | null> },
  ): string;
  /** The head commit SHA the server gives a repository. */
  headSha(fullName: string): string;
  /** The ETag of a repository's `GET /repos/{owner}/{repo}` answer (for unauthenticated callers). */
  repoEtag(fullName: string): string;
  resetCalls(): void;
  /** Back to the fixtures: scenarios and added repositories dropped, calls cleared. */
  reset(): void;
  close(): Promise<void>;
}

const FIXTURES = new URL('../fixtures/github/', import.meta.url);
const DOCS = 'https://docs.github.com/rest';
const MB = 1024 * 1024;

export function loadFixtureRepos(): FakeRepoDef[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as FakeRepoDef);
}

export interface FakeGithubOptions {
  /**
   * Refuse calls past GitHub's primary limit (60 an hour without a token, 5000 with one). Off by
   * default so long test files do not run dry: the x-ratelimit-* headers are sent either way (the
   * window restarts when it runs out), and `Scenario.rateLimit` is the way to test a limit.
   */
  enforceRateLimit?: boolean;
}

export async function startFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  const repos = new Map<string, FakeRepoDef>();
  const scenarios = new Map<string, Scenario>();
  const calls: RecordedCall[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const rateRemaining = new Map<string, number>();
  const rateReset = Math.floor(Date.now() / 1000) + 3600;
  let baseUrl = '';

  const load = () => {
    repos.clear();
    scenarios.clear();
    for (const def of loadFixtureRepos()) {
      repos.set(key(`${def.owner}/${def.name}`), def);
      if (def.scenario) scenarios.set(key(`${def.owner}/${def.name}`), def.scenario);
    }
  };
  load();

  const server = http.createServer((req, res) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    calls.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers });
    try {
      route(req, res, headers);
    } catch (error) {
      send(res, req, 500, { message: `fake github: ${(error as Error).message}` });
    }
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse, headers: Record<string, string>) {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method !== 'GET') return notFound(res, req);
    const byId = /^\/repositories\/(\d+)$/.exec(url.pathname);
    if (byId) {
      const def = [...repos.values()].find((d) => String(d.id) === byId[1]);
      return def ? answer(req, res, headers, def, 'repo', url) : notFound(res, req);
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!m) return notFound(res, req);
    const fullName = `${decodeURIComponent(m[1] ?? '')}/${decodeURIComponent(m[2] ?? '')}`;
    const rest = m[3] ?? '';
    const endpoint: Endpoint | null =
      rest === ''
        ? 'repo'
        : rest === '/languages'
          ? 'languages'
          : rest === '/commits'
            ? 'commits'
            : rest.startsWith('/git/trees/')
              ? 'tree'
              : rest.startsWith('/contents/')
                ? 'contents'
                : null;
    if (!endpoint) return notFound(res, req);

    const scenario = scenarios.get(key(fullName)) ?? {};
    if (scenario.redirect?.on === endpoint) {
      const location = scenario.redirect.location
        .replaceAll('{url}', baseUrl)
        .replaceAll('{port}', String(new URL(baseUrl).port));
      return send(
        res,
        req,
        scenario.redirect.status ?? 301,
        { message: 'Moved Permanently', url: location, documentation_url: DOCS },
        {
          location,
        },
      );
    }
    const def = repos.get(key(fullName));
    if (!def) return notFound(res, req, endpoint === 'repo' ? `${DOCS}/repos/repos#get-a-repository` : undefined);
    // GitHub hides a private repository behind 404 from anyone who cannot read it.
    if (def.private && headers.authorization !== `Bearer ${def.readToken ?? ''}`) {
      return notFound(res, req, `${DOCS}/repos/repos#get-a-repository`);
    }
    return answer(req, res, headers, def, endpoint, url);
  }

  function answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    headers: Record<string, string>,
    def: FakeRepoDef,
    endpoint: Endpoint,
    url: URL,
  ) {
    const fullName = `${def.owner}/${def.name}`;
    const scenario = scenarios.get(key(fullName)) ?? {};
    const { limits, exhausted } = takeRateLimit(headers);
    if (exhausted) {
      return send(
        res,
        req,
        403,
        {
          message: 'API rate limit exceeded for 127.0.0.1.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        limits,
      );
    }

    if (scenario.rateLimit?.on === endpoint) {
      const rl = scenario.rateLimit;
      const extra: Record<string, string> = { ...limits };
      if (rl.retryAfter !== undefined) extra['retry-after'] = String(rl.retryAfter);
      if (rl.reset !== undefined) {
        extra['x-ratelimit-remaining'] = '0';
        extra['x-ratelimit-reset'] = String(rl.reset);
        extra['x-ratelimit-used'] = extra['x-ratelimit-limit'] ?? '60';
      }
      const secondary = rl.retryAfter !== undefined;
      return send(
        res,
        req,
        rl.status ?? 403,
        secondary
          ? {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
              documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
            }
          : {
              message:
                "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
              documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#primary-rate-limit`,
            },
        extra,
      );
    }
    if (scenario.status?.on === endpoint) {
      const code = scenario.status.code;
      const message = code === 409 ? 'Git Repository is empty.' : code >= 500 ? 'Server Error' : 'Error';
      return send(res, req, code, { message, documentation_url: DOCS, status: String(code) }, limits);
    }

    let body: unknown;
    switch (endpoint) {
      case 'repo':
        body = repoPayload(def);
        if (scenario.wrongShape === 'repo') body = { ...(body as object), stargazers_count: 'many' };
        break;
      case 'languages':
        body = { ...def.languages };
        if (scenario.wrongShape === 'languages') body = Object.entries(def.languages);
        break;
      case 'commits': {
        const list = commitsOf(def, scenario);
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
        body = list.slice(0, perPage).map((_, i) => commitPayload(def, list, i));
        if (scenario.wrongShape === 'commits') body = { commits: body };
        break;
      }
      case 'tree': {
        const ref = decodeURIComponent(url.pathname.split('/git/trees/')[1] ?? '');
        if (ref !== headShaOf(def) && ref !== (def.defaultBranch ?? 'main')) return notFound(res, req);
        body = treePayload(def, url.searchParams.get('recursive') !== null);
        if (scenario.wrongShape === 'tree') body = { ...(body as object), truncated: 'no' };
        break;
      }
      case 'contents': {
        const path = decodeURIComponent(url.pathname.split('/contents/')[1] ?? '');
        const ref = url.searchParams.get('ref');
        if (ref !== null && ref !== headShaOf(def) && ref !== (def.defaultBranch ?? 'main')) {
          return notFound(res, req, `${DOCS}/repos/contents#get-repository-content`);
        }
        const file = filesOf(def).get(path);
        if (!file) return notFound(res, req, `${DOCS}/repos/contents#get-repository-content`);
        body = contentsPayload(def, path, file);
        if (scenario.wrongShape === 'contents') body = { ...(body as object), type: 'blob' };
        break;
      }
    }
    if (scenario.padding?.on === endpoint && body && typeof body === 'object' && !Array.isArray(body)) {
      body = { ...(body as object), _padding: 'x'.repeat(scenario.padding.bytes) };
    }

    const text = JSON.stringify(body);
    const etag = `W/"${createHash('sha256')
      .update(`${headers.authorization ?? ''}\n${text}`)
      .digest('hex')}"`;
    const extra: Record<string, string> = { ...limits, etag };
    if (endpoint === 'repo') extra['last-modified'] = new Date(def.pushedAt ?? '2025-01-01T00:00:00Z').toUTCString();
    if (headers['if-none-match'] && headers['if-none-match'] === etag) {
      res.writeHead(304, baseHeaders(headers, extra));
      res.end();
      return;
    }
    if (scenario.malformed === endpoint) {
      return sendRaw(res, req, 200, `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}`, extra);
    }
    if (scenario.delay?.on === endpoint) {
      const { ms, phase = 'headers' } = scenario.delay;
      if (phase === 'headers') {
        later(ms, () => sendRaw(res, req, 200, text, extra, false));
      } else {
        res.writeHead(200, baseHeaders(headers, { ...extra }));
        const half = Math.floor(text.length / 2);
        res.write(text.slice(0, half));
        later(ms, () => res.end(text.slice(half)));
      }
      return;
    }
    return sendRaw(res, req, 200, text, extra);
  }

  function later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!server.listening) return;
      try {
        fn();
      } catch {
        // the client went away
      }
    }, ms);
    timers.add(t);
  }

  /** GitHub's primary limit: 60 calls an hour without a token, 5000 with one. */
  function takeRateLimit(headers: Record<string, string>): { limits: Record<string, string>; exhausted: boolean } {
    const who = headers.authorization ?? 'anonymous';
    const limit = who === 'anonymous' ? 60 : 5000;
    let before = rateRemaining.get(who) ?? limit;
    if (before === 0 && !options.enforceRateLimit) before = limit;
    const remaining = Math.max(0, before - 1);
    rateRemaining.set(who, remaining);
    return {
      exhausted: before === 0,
      limits: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(rateReset),
        'x-ratelimit-used': String(limit - remaining),
        'x-ratelimit-resource': 'core',
      },
    };
  }

  function baseHeaders(reqHeaders: Record<string, string>, extra: Record<string, string>): Record<string, string> {
    return {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': reqHeaders.authorization
        ? 'private, max-age=60, s-maxage=60'
        : 'public, max-age=60, s-maxage=60',
      vary: 'Accept, Accept-Encoding, Accept, X-Requested-With',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': createHash('sha1').update(String(calls.length)).digest('hex').slice(0, 16).toUpperCase(),
      'x-content-type-options': 'nosniff',
      ...extra,
    };
  }

  function sendRaw(
    res: http.ServerResponse,
    req: http.IncomingMessage,
    status: number,
    text: string,
    extra: Record<string, string>,
    compress = true,
  ) {
    const reqHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') reqHeaders[k] = v;
    const raw = Buffer.from(text, 'utf8');
    const gzip = compress && /\bgzip\b/.test(reqHeaders['accept-encoding'] ?? '') && raw.length > 0;
    const payload = gzip ? gzipSync(raw) : raw;
    const h = baseHeaders(reqHeaders, extra);
    if (gzip) h['content-encoding'] = 'gzip';
    h['content-length'] = String(payload.length);
    res.writeHead(status, h);
    res.end(payload);
  }

  function send(
    res: http.ServerResponse,
    req: http.IncomingMessage,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) {
    sendRaw(res, req, status, JSON.stringify(body), extra);
  }

  function notFound(res: http.ServerResponse, req: http.IncomingMessage, docs = DOCS) {
    send(res, req, 404, { message: 'Not Found', documentation_url: docs, status: '404' });
  }

  function repoPayload(def: FakeRepoDef) {
    const fullName = `${def.owner}/${def.name}`;
    const api = `${baseUrl}/repos/${fullName}`;
    return {
      id: def.id,
      node_id: Buffer.from(`010:Repository${def.id}`).toString('base64'),
      name: def.name,
      full_name: fullName,
      private: def.private ?? false,
      owner: {
        login: def.owner,
        id: 9000 + def.owner.length,
        node_id: Buffer.from(`04:Organization${def.owner}`).toString('base64'),
        avatar_url: `https://avatars.githubusercontent.com/u/${9000 + def.owner.length}?v=4`,
        url: `${baseUrl}/users/${def.owner}`,
        html_url: `https://github.com/${def.owner}`,
        type: 'Organization',
        site_admin: false,
      },
      html_url: `https://github.com/${fullName}`,
      description: def.description ?? null,
      fork: def.fork ?? false,
      url: api,
      languages_url: `${api}/languages`,
      commits_url: `${api}/commits{/sha}`,
      git_trees_url: `${api}/git/trees{/sha}`,
      contents_url: `${api}/contents/{+path}`,
      created_at: def.createdAt ?? '2025-01-01T00:00:00Z',
      updated_at: def.pushedAt ?? '2025-01-01T00:00:00Z',
      pushed_at: def.pushedAt ?? '2025-01-01T00:00:00Z',
      git_url: `git://github.com/${fullName}.git`,
      clone_url: `https://github.com/${fullName}.git`,
      homepage: null,
      size: Math.ceil(Object.values(def.languages).reduce((a, b) => a + b, 0) / 1024),
      stargazers_count: def.stars ?? 0,
      watchers_count: def.stars ?? 0,
      language: Object.entries(def.languages).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null,
      has_issues: true,
      forks_count: 0,
      archived: def.archived ?? false,
      disabled: false,
      open_issues_count: 0,
      license:
        def.license === undefined ? null : def.license && { ...def.license, url: null, node_id: 'MDc6TGljZW5zZTA=' },
      allow_forking: true,
      is_template: false,
      topics: def.topics ?? [],
      visibility: def.private ? 'private' : 'public',
      forks: 0,
      open_issues: 0,
      watchers: def.stars ?? 0,
      default_branch: def.defaultBranch ?? 'main',
      network_count: 0,
      subscribers_count: 1,
    };
  }

  function commitsOf(def: FakeRepoDef, scenario: Scenario): FakeCommit[] {
    if (scenario.authorship) {
      const { login, authored, total } = scenario.authorship;
      return Array.from({ length: total }, (_, i) => ({
        // authored commits first, then others: some linked to another account, some unlinked
        login: i < authored ? login : i % 2 === 0 ? 'someone-else' : null,
        name: i < authored ? login : 'Other Person',
        message: `Commit ${total - i}`,
        date: new Date(Date.UTC(2026, 0, 1) - i * 3_600_000).toISOString(),
      }));
    }
    return def.commits?.length ? def.commits : [{ login: def.owner, message: 'Initial commit' }];
  }

  /** Stable when commits are pushed on top: it depends on the commit and its depth from the root. */
  function commitSha(def: FakeRepoDef, list: FakeCommit[], index: number): string {
    const c = list[index];
    const fromRoot = list.length - 1 - index;
    return createHash('sha1')
      .update(`commit ${def.owner}/${def.name} ${fromRoot} ${c?.login ?? ''} ${c?.date ?? ''} ${c?.message ?? ''}`)
      .digest('hex');
  }

  function headShaOf(def: FakeRepoDef): string {
    const scenario = scenarios.get(key(`${def.owner}/${def.name}`)) ?? {};
    const list = commitsOf(def, scenario);
    return list.length > 0 ? commitSha(def, list, 0) : '0'.repeat(40);
  }

  function commitPayload(def: FakeRepoDef, list: FakeCommit[], index: number) {
    const c = list[index] as FakeCommit;
    const sha = commitSha(def, list, index);
    const parent = list[index + 1];
    const date = c.date ?? '2025-01-01T00:00:00Z';
    const person = {
      name: c.name ?? c.login ?? 'Someone',
      email: c.email ?? `${c.login ?? 'someone'}@example.com`,
      date,
    };
    const api = `${baseUrl}/repos/${def.owner}/${def.name}`;
    return {
      sha,
      node_id: Buffer.from(`06:Commit${sha}`).toString('base64'),
      commit: {
        author: person,
        committer: person,
        message: c.message,
        tree: { sha: createHash('sha1').update(`tree ${sha}`).digest('hex'), url: `${api}/git/trees/x` },
        url: `${api}/git/commits/${sha}`,
        comment_count: 0,
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      url: `${api}/commits/${sha}`,
      html_url: `https://github.com/${def.owner}/${def.name}/commit/${sha}`,
      author: c.login
        ? {
            login: c.login,
            id: 1000 + c.login.length,
            type: c.type ?? (c.login.endsWith('[bot]') ? 'Bot' : 'User'),
            site_admin: false,
            html_url: `https://github.com/${c.login}`,
          }
        : null,
      committer: c.login ? { login: 'web-flow', id: 19864447, type: 'User', site_admin: false } : null,
      parents: parent ? [{ sha: commitSha(def, list, index + 1), url: `${api}/commits/x` }] : [],
    };
  }

  function filesOf(def: FakeRepoDef): Map<string, Buffer | { size: number }> {
    const out = new Map<string, Buffer | { size: number }>();
    for (const [path, file] of Object.entries(def.files)) {
      if (typeof file === 'string') out.set(path, Buffer.from(file));
      else if ('json' in file) out.set(path, Buffer.from(`${JSON.stringify(file.json, null, 2)}\n`));
      else if ('lines' in file) out.set(path, Buffer.from(file.lines.join('\n')));
      else out.set(path, { size: file.size });
    }
    if (def.generatedFiles) {
      for (let i = 0; i < def.generatedFiles.count; i++) {
        const path = def.generatedFiles.pattern.replaceAll('{i}', String(i));
        out.set(path, Buffer.from(`// generated ${i}\n`));
      }
    }
    return out;
  }

  function blobSha(content: Buffer | { size: number }, path: string): string {
    if (!Buffer.isBuffer(content)) return createHash('sha1').update(`sized ${path} ${content.size}`).digest('hex');
    return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
  }

  function treePayload(def: FakeRepoDef, recursive: boolean) {
    const files = filesOf(def);
    const dirs = new Set<string>();
    for (const path of files.keys()) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    const api = `${baseUrl}/repos/${def.owner}/${def.name}`;
    const entries = [
      ...[...dirs].map((path) => ({
        path,
        mode: '040000',
        type: 'tree' as const,
        sha: createHash('sha1').update(`dir ${path}`).digest('hex'),
        url: `${api}/git/trees/${createHash('sha1').update(`dir ${path}`).digest('hex')}`,
      })),
      ...[...files].map(([path, content]) => {
        const sha = blobSha(content, path);
        return {
          path,
          mode: '100644',
          type: 'blob' as const,
          sha,
          size: Buffer.isBuffer(content) ? content.length : content.size,
          url: `${api}/git/blobs/${sha}`,
        };
      }),
    ]
      .filter((e) => recursive || !e.path.includes('/'))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const sha = createHash('sha1')
      .update(entries.map((e) => `${e.path} ${e.sha}`).join('\n'))
      .digest('hex');
    return { sha, url: `${api}/git/trees/${sha}`, tree: entries, truncated: def.truncated ?? false };
  }

  function contentsPayload(def: FakeRepoDef, path: string, content: Buffer | { size: number }) {
    const size = Buffer.isBuffer(content) ? content.length : content.size;
    const sha = blobSha(content, path);
    // GitHub leaves `content` empty (encoding "none") for files between 1 and 100 MB.
    const bytes = Buffer.isBuffer(content) ? content : size <= MB ? Buffer.alloc(size, 0x20) : null;
    const b64 = bytes ? bytes.toString('base64') : '';
    const api = `${baseUrl}/repos/${def.owner}/${def.name}`;
    const htmlUrl = `https://github.com/${def.owner}/${def.name}/blob/${def.defaultBranch ?? 'main'}/${path}`;
    return {
      name: path.split('/').pop(),
      path,
      sha,
      size,
      url: `${api}/contents/${path}?ref=${def.defaultBranch ?? 'main'}`,
      html_url: htmlUrl,
      git_url: `${api}/git/blobs/${sha}`,
      download_url: `https://raw.githubusercontent.com/${def.owner}/${def.name}/${def.defaultBranch ?? 'main'}/${path}`,
      type: 'file',
      content: bytes ? `${(b64.match(/.{1,60}/g) ?? []).join('\n')}\n` : '',
      encoding: bytes ? 'base64' : 'none',
      _links: { self: `${api}/contents/${path}`, git: `${api}/git/blobs/${sha}`, html: htmlUrl },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const find = (fullName: string): FakeRepoDef => {
    const def = repos.get(key(fullName));
    if (!def) throw new Error(`fake github: no repository ${fullName}`);
    return def;
  };

  return {
    url: baseUrl,
    calls,
    setScenario(fullName, scenario) {
      if (scenario) scenarios.set(key(fullName), scenario);
      else scenarios.delete(key(fullName));
    },
    addRepo(def) {
      repos.set(key(`${def.owner}/${def.name}`), def);
      if (def.scenario) scenarios.set(key(`${def.owner}/${def.name}`), def.scenario);
    },
    repoDef(fullName) {
      return structuredClone(find(fullName));
    },
    pushCommit(fullName, commit = {}) {
      const def = find(fullName);
      const scenario = scenarios.get(key(fullName)) ?? {};
      const list = commitsOf(def, scenario);
      const last = Date.parse(def.pushedAt ?? list[0]?.date ?? '2025-01-01T00:00:00Z');
      const date = new Date(last + 60_000).toISOString().replace('.000Z', 'Z');
      const login = commit.login === undefined ? (list[0]?.login ?? def.owner) : commit.login;
      def.commits = [{ login, message: commit.message ?? `Commit ${list.length + 1}`, date }, ...list];
      def.pushedAt = date;
      for (const [path, file] of Object.entries(commit.files ?? {})) {
        if (file === null) delete def.files[path];
        else def.files[path] = file;
      }
      return headShaOf(def);
    },
    headSha(fullName) {
      return headShaOf(find(fullName));
    },
    repoEtag(fullName) {
      const text = JSON.stringify(repoPayload(find(fullName)));
      return `W/"${createHash('sha256').update(`\n${text}`).digest('hex')}"`;
    },
    resetCalls() {
      calls.length = 0;
    },
    reset() {
      load();
      calls.length = 0;
      rateRemaining.clear();
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function key(fullName: string): string {
  return fullName.toLowerCase();
}
