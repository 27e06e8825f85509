import type { CommitsPayload } from './schemas';
import type { AnalysisResult } from './types';

type Commit = CommitsPayload[number];

/** Automation that commits on a learner's behalf; these commits count for nobody (#17). */
const BOT_NAMES = new Set(['github-actions', 'dependabot', 'renovate', 'renovate-bot', 'web-flow', 'snyk-bot']);

function isBotName(name: string | undefined | null): boolean {
  if (!name) return false;
  const n = name.trim().toLowerCase();
  return n.endsWith('[bot]') || BOT_NAMES.has(n);
}

/** A bot: a `[bot]` login, a `type: Bot` account, or the author name of GitHub Actions / Renovate / Dependabot. */
export function isBotCommit(c: Commit): boolean {
  const account = c.author as (Commit['author'] & { type?: unknown }) | null;
  if (account && (account.type === 'Bot' || isBotName(account.login))) return true;
  return isBotName(c.commit.author?.name);
}

/** GitHub's no-reply addresses: `ID+login@users.noreply.github.com` and `login@users.noreply.github.com`. */
function noReplyLogin(email: string | undefined): string | null {
  const m = /^(?:\d+\+)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)@users\.noreply\.github\.com$/i.exec(email?.trim() ?? '');
  return m?.[1]?.toLowerCase() ?? null;
}

/** `Co-authored-by: Name <email>` trailers of a commit message. */
function coAuthorEmails(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/^co-authored-by:[^<\n]*<([^>\n]+)>\s*$/gim)) if (m[1]) out.push(m[1]);
  return out;
}

function byLearner(c: Commit, lower: string): boolean {
  if (c.author?.login.toLowerCase() === lower) return true;
  const email = (c.commit.author as { email?: unknown } | null)?.email;
  if (typeof email === 'string' && noReplyLogin(email) === lower) return true;
  return coAuthorEmails(c.commit.message).some((e) => noReplyLogin(e) === lower);
}

/** Share of the page's human commits authored (or co-authored) by `login`; bots are left out of the total. */
export function authorshipOf(commits: CommitsPayload, login: string | null | undefined): AnalysisResult['authorship'] {
  const wanted = login?.trim();
  if (!wanted) return null;
  const lower = wanted.toLowerCase();
  const human = commits.filter((c) => !isBotCommit(c));
  const total = human.length;
  const authored = human.filter((c) => byLearner(c, lower)).length;
  return { login: wanted, authored, total, share: total === 0 ? 0 : authored / total };
}
