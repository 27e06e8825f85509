import { DEFAULT_USER_AGENT, GithubCallError, GithubClient } from './client';
import { RepoPayload } from './schemas';
import type { GithubOptions, RepoRef } from './types';

/** A submission's repository check waits at most this long for GitHub (the learner is waiting). */
export const REPO_CHECK_TIMEOUT_MS = 5_000;

/**
 * Whether GitHub shows `owner/repo` to anyone: one `GET /repos/{owner}/{repo}`.
 * - `public`: it exists and is public (a renamed repository's redirect is followed);
 * - `not_found`: GitHub answers 404, or the repository is private (never analysed, decision 009);
 * - `unknown`: GitHub could not say (rate limit, timeout, network, 5xx, an odd answer). The
 *   caller accepts the submission then and lets the analysis (which retries) find out.
 */
export async function checkRepository(
  opts: Pick<GithubOptions, 'apiUrl' | 'token' | 'timeoutMs' | 'userAgent'>,
  ref: RepoRef,
  now: () => Date = () => new Date(),
): Promise<'public' | 'not_found' | 'unknown'> {
  const client = new GithubClient({
    apiUrl: opts.apiUrl,
    token: opts.token,
    timeoutMs: opts.timeoutMs ?? REPO_CHECK_TIMEOUT_MS,
    userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
    maxCalls: 3, // the call and up to two redirect hops
    now,
  });
  try {
    const { data } = await client.getJson(
      `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`,
      RepoPayload,
      { maxBytes: 1_000_000 },
    );
    return data.private ? 'not_found' : 'public';
  } catch (error) {
    if (error instanceof GithubCallError) {
      const p = error.problem;
      return p.kind === 'status' && (p.status === 404 || p.status === 410) ? 'not_found' : 'unknown';
    }
    return 'unknown';
  }
}
