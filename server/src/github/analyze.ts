import type { AnalysisNote } from '@masar/shared';
import { authorshipOf } from './authorship';
import {
  type CallProblem,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  encodePath,
  GithubCallError,
  GithubClient,
} from './client';
import { MANIFEST_MAX_BYTES, type ParsedManifest, parseManifest } from './manifests';
import { CommitsPayload, ContentsPayload, LanguagesPayload, RepoPayload, type TreeEntry, TreePayload } from './schemas';
import { chooseTrack, deriveSignals, rankManifests } from './signals';
import type { AnalysisOutcome, AnalysisResult, GithubOptions, RepoRef } from './types';

export type { AnalysisOutcome, AnalysisResult, GithubOptions, RepoRef } from './types';

/** Calls one analysis may make: repo, languages, commits, tree and two manifests. */
export const MAX_API_CALLS = 6;
/** Manifests read per analysis (calls 5 and 6). */
export const MAX_MANIFEST_READS = 2;
/** Commits read for the head SHA and authorship (one page). */
export const COMMITS_PAGE_SIZE = 100;

const NAME_PART = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Reads a public repository through GitHub's REST API (at most 6 calls) and derives the signals
 * that suggest roadmap skills to the reviewing mentor. Never throws for anything GitHub or the
 * network does: every such case is an outcome (`not_found`, `rate_limited`, `failed`).
 */
export async function analyzeRepository(
  opts: GithubOptions,
  ref: RepoRef & { authorLogin?: string | null },
  previous?: { etag: string | null; result: AnalysisResult | null } | null,
  now: () => Date = () => new Date(),
): Promise<AnalysisOutcome> {
  if (!validRefPart(ref.owner) || !validRefPart(ref.repo))
    return { kind: 'failed', reason: 'invalid_ref', apiCalls: 0 };
  const maxBytes = positive(opts.maxBytes) ?? DEFAULT_MAX_BYTES;
  const client = new GithubClient({
    apiUrl: opts.apiUrl,
    token: opts.token,
    timeoutMs: positive(opts.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
    userAgent: opts.userAgent?.trim() || DEFAULT_USER_AGENT,
    maxCalls: MAX_API_CALLS,
    now,
  });

  try {
    return await run(client, opts, ref, previous ?? null, maxBytes);
  } catch (error) {
    if (error instanceof GithubCallError) return outcomeOf(error.problem, client.calls);
    throw error;
  }
}

async function run(
  client: GithubClient,
  opts: GithubOptions,
  ref: RepoRef & { authorLogin?: string | null },
  previous: { etag: string | null; result: AnalysisResult | null } | null,
  maxBytes: number,
): Promise<AnalysisOutcome> {
  // 1. The repository (conditional: a 304 costs no rate limit and means nothing changed). The
  //    ETag is only sent with a result to fall back on: a 304 without one would be useless.
  //    A GitHub login added or changed since then makes the old authorship wrong: read past the
  //    ETag so it is computed now, never left "unknown" by a 304 (#17).
  const loginNow = ref.authorLogin?.trim().toLowerCase() || null;
  const loginThen = previous?.result?.authorship?.login.trim().toLowerCase() ?? null;
  const ifNoneMatch = previous?.etag && previous.result && loginNow === loginThen ? previous.etag : null;
  const repoAnswer = await client.getJsonIfChanged(
    `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`,
    RepoPayload,
    { maxBytes, ifNoneMatch },
  );
  if (repoAnswer.status === 304) {
    if (!previous?.result) return { kind: 'failed', reason: 'http_304', apiCalls: client.calls };
    return {
      kind: 'done',
      result: previous.result,
      etag: repoAnswer.etag ?? previous.etag,
      notModified: true,
      apiCalls: client.calls,
    };
  }
  const repo = repoAnswer.data;
  if (repo.private && !opts.allowPrivate) return { kind: 'not_found', apiCalls: client.calls };

  // After a rename GitHub redirects the old name: carry on under the canonical one.
  const [owner = ref.owner, name = ref.repo] = repo.full_name.split('/');
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const notes: AnalysisNote[] = [];
  if (repo.private) notes.push({ kind: 'private' });
  if (repo.fork) notes.push({ kind: 'fork' });
  if (repo.archived) notes.push({ kind: 'archived' });

  // 2. Languages (bytes per language).
  const languages = await client.getJson(`${base}/languages`, LanguagesPayload, { maxBytes });

  // 3. Recent commits on the default branch: the head SHA and authorship.
  let commits: CommitsPayload;
  try {
    const answer = await client.getJson(
      `${base}/commits?sha=${encodeURIComponent(repo.default_branch)}&per_page=${COMMITS_PAGE_SIZE}`,
      CommitsPayload,
      { maxBytes },
    );
    commits = answer.data;
  } catch (error) {
    // GitHub answers 409 "Git Repository is empty." for a repository without commits.
    if (error instanceof GithubCallError && error.problem.kind === 'status' && error.problem.status === 409) {
      return { kind: 'failed', reason: 'empty_repository', apiCalls: client.calls };
    }
    throw error;
  }
  const head = commits[0];
  if (!head) return { kind: 'failed', reason: 'empty_repository', apiCalls: client.calls };
  const headSha = head.sha;

  // 4. The whole file tree at that commit.
  const tree = (await client.getJson(`${base}/git/trees/${headSha}?recursive=1`, TreePayload, { maxBytes })).data;
  if (tree.truncated) notes.push({ kind: 'treeTruncated' });
  const blobs = tree.tree.filter((e) => e.type === 'blob');
  const paths = blobs.map((e) => e.path);

  // 5–6. The most informative manifests.
  const { manifests, parsed } = await readManifests(client, {
    base,
    headSha,
    blobs,
    languages: languages.data,
    maxBytes,
    notes,
  });

  const derived = deriveSignals({ languages: languages.data, paths, manifests: parsed });
  const result: AnalysisResult = {
    repo: {
      fullName: repo.full_name,
      htmlUrl: repo.html_url,
      description: repo.description,
      defaultBranch: repo.default_branch,
      headSha,
      pushedAt: repo.pushed_at,
      stars: repo.stargazers_count,
      license: licenseOf(repo.license),
      topics: repo.topics ?? [],
      archived: repo.archived,
      fork: repo.fork,
    },
    languages: languages.data,
    primaryLanguage: derived.primaryLanguage,
    track: derived.track,
    tree: { fileCount: blobs.length, truncated: tree.truncated },
    manifests,
    signals: derived.signals,
    suggestedSkills: derived.suggestedSkills,
    authorship: authorshipOf(commits, ref.authorLogin),
    notes,
  };
  if (result.authorship && commits.length >= COMMITS_PAGE_SIZE) {
    notes.push({ kind: 'authorshipWindow', commits: commits.length });
  }
  return { kind: 'done', result, etag: repoAnswer.etag, notModified: false, apiCalls: client.calls };
}

async function readManifests(
  client: GithubClient,
  ctx: {
    base: string;
    headSha: string;
    blobs: TreeEntry[];
    languages: Record<string, number>;
    maxBytes: number;
    notes: AnalysisNote[];
  },
): Promise<{ manifests: AnalysisResult['manifests']; parsed: ParsedManifest[] }> {
  const manifestCap = Math.min(MANIFEST_MAX_BYTES, ctx.maxBytes);
  // The contents answer carries the file as base64 (4/3, a newline every 60 characters) plus metadata.
  const bodyCap = Math.min(ctx.maxBytes, Math.ceil(((manifestCap * 4) / 3) * (61 / 60)) + 16_384);
  // Symbolic links (mode 120000) and submodules are not files to read.
  const files = ctx.blobs.filter((e) => e.mode !== '120000');
  const preferred = chooseTrack(
    ctx.languages,
    files.map((e) => e.path),
    [],
  ).track;
  const ranked = rankManifests(files, preferred);
  const sizeOf = new Map(files.map((e) => [e.path, e.size]));

  const manifests: AnalysisResult['manifests'] = [];
  const parsed: ParsedManifest[] = [];
  if (ranked.length === 0) ctx.notes.push({ kind: 'noManifest' });
  let reads = 0;
  for (const { path } of ranked) {
    if (reads >= MAX_MANIFEST_READS) break;
    const size = sizeOf.get(path);
    if (size !== undefined && size > manifestCap) {
      manifests.push({ path, status: 'too_large' });
      ctx.notes.push({ kind: 'manifestTooLarge', path, bytes: size, limit: manifestCap });
      continue;
    }
    if (client.remainingCalls === 0) {
      ctx.notes.push({ kind: 'manifestSkipped', path });
      break;
    }
    reads++;
    let file: ContentsPayload;
    try {
      file = (
        await client.getJson(`${ctx.base}/contents/${encodePath(path)}?ref=${ctx.headSha}`, ContentsPayload, {
          maxBytes: bodyCap,
        })
      ).data;
    } catch (error) {
      if (error instanceof GithubCallError && error.problem.kind === 'too_large') {
        manifests.push({ path, status: 'too_large' });
        ctx.notes.push({ kind: 'manifestAnswerTooLarge', path, limit: bodyCap });
        continue;
      }
      if (error instanceof GithubCallError && error.problem.kind === 'status' && error.problem.status === 404) {
        manifests.push({ path, status: 'unreadable' });
        ctx.notes.push({ kind: 'manifestMissing', path, sha: ctx.headSha });
        continue;
      }
      throw error;
    }
    if (file.size > manifestCap) {
      manifests.push({ path, status: 'too_large' });
      ctx.notes.push({ kind: 'manifestTooLarge', path, bytes: file.size, limit: manifestCap });
      continue;
    }
    if (file.encoding !== 'base64') {
      manifests.push({ path, status: 'unreadable' });
      ctx.notes.push({ kind: 'manifestEncoding', path, encoding: file.encoding });
      continue;
    }
    const bytes = Buffer.from(file.content.replace(/\s+/g, ''), 'base64');
    // The decoded file is measured too: `size` is GitHub's word, the bytes are what a parser would get.
    if (bytes.length > manifestCap) {
      manifests.push({ path, status: 'too_large' });
      ctx.notes.push({ kind: 'manifestTooLarge', path, bytes: bytes.length, limit: manifestCap });
      continue;
    }
    const manifest = parseManifest(path, bytes.toString('utf8'), manifestCap);
    if (!manifest) {
      manifests.push({ path, status: 'unreadable' });
      ctx.notes.push({ kind: 'manifestInvalid', path, format: path.endsWith('.json') ? 'json' : 'other' });
      continue;
    }
    manifests.push({ path, status: 'read' });
    parsed.push(manifest);
  }
  return { manifests, parsed };
}

function licenseOf(license: RepoPayload['license']): string | null {
  if (!license) return null;
  // GitHub says NOASSERTION when it sees a licence file it cannot classify ("Other").
  if (license.spdx_id && license.spdx_id !== 'NOASSERTION') return license.spdx_id;
  return license.name;
}

function outcomeOf(problem: CallProblem, apiCalls: number): AnalysisOutcome {
  switch (problem.kind) {
    case 'status':
      // GitHub answers 404 for a private repository too (and 404 mid-way: deleted or hidden since).
      if (problem.status === 404) return { kind: 'not_found', apiCalls };
      return { kind: 'failed', reason: `http_${problem.status}`, apiCalls };
    case 'rate_limited':
      return { kind: 'rate_limited', retryAt: problem.retryAt, apiCalls };
    case 'malformed':
      return { kind: 'failed', reason: 'malformed_response', apiCalls };
    case 'network':
      return { kind: 'failed', reason: 'network_error', apiCalls };
    case 'budget':
      return { kind: 'failed', reason: 'call_budget_exceeded', apiCalls };
    default:
      // timeout, too_large, redirect_refused, too_many_redirects
      return { kind: 'failed', reason: problem.kind, apiCalls };
  }
}

/** GitHub logins and repository names: letters, digits, `-`, `_`, `.`; never `.` or `..`. */
function validRefPart(part: string): boolean {
  return NAME_PART.test(part) && part !== '.' && part !== '..';
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
