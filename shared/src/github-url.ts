/**
 * GitHub repository URLs as learners paste them, normalised to `owner/repo`. Only
 * `https://github.com/<owner>/<repo>` is accepted — with or without `.git`, a trailing slash, or
 * `/tree/<branch>…` — and nothing that could point anywhere else. The server never fetches the URL
 * a user typed: it calls the GitHub API with the parsed owner and repo only.
 */
export type GithubRepoParse =
  | { ok: true; owner: string; repo: string; fullName: string; url: string }
  | { ok: false; error: 'errors.repoUrl.invalid' };

const OWNER_RE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO_RE = /^[A-Za-z0-9._-]{1,100}$/;
/** First path segments that are GitHub pages, not users. */
const RESERVED_OWNERS = new Set([
  'about',
  'account',
  'apps',
  'collections',
  'contact',
  'customer-stories',
  'enterprise',
  'explore',
  'features',
  'gist',
  'issues',
  'join',
  'login',
  'logout',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'organizations',
  'pricing',
  'pulls',
  'search',
  'security',
  'settings',
  'site',
  'sponsors',
  'topics',
  'trending',
  'users',
]);

const fail = (): GithubRepoParse => ({ ok: false, error: 'errors.repoUrl.invalid' });

export function parseGithubRepoUrl(input: string): GithubRepoParse {
  const raw = input.trim();
  if (raw.length === 0 || raw.length > 300) return fail();
  // No encoded or ambiguous characters at all: percent-encoding, backslashes, credentials,
  // whitespace and control characters, query strings and fragments.
  if (/[%\\@\s?#]/.test(raw) || /[^\x21-\x7e]/.test(raw)) return fail();
  if (!/^https:\/\/(www\.)?github\.com\//i.test(raw)) return fail();
  if (/\/\.\.?(\/|$)/.test(raw)) return fail(); // dot segments the URL parser would resolve away
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail();
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || (host !== 'github.com' && host !== 'www.github.com')) return fail();
  if (url.port !== '' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    return fail();
  const parts = url.pathname.split('/').slice(1);
  if (parts.at(-1) === '') parts.pop(); // one trailing slash
  if (parts.length < 2 || parts.some((p) => p === '')) return fail();
  const [owner, repoPart, ...rest] = parts as [string, string, ...string[]];
  if (rest.length > 0 && !(rest[0] === 'tree' && rest.length >= 2)) return fail();
  const repo = repoPart.toLowerCase().endsWith('.git') ? repoPart.slice(0, -4) : repoPart;
  if (!OWNER_RE.test(owner) || RESERVED_OWNERS.has(owner.toLowerCase())) return fail();
  if (!REPO_RE.test(repo) || repo === '.' || repo === '..' || repo.endsWith('.git')) return fail();
  if (rest.length === 0 && repoPart !== repo && raw.endsWith('/')) return fail(); // "repo.git/" is not a form GitHub uses
  return { ok: true, owner, repo, fullName: `${owner}/${repo}`, url: `https://github.com/${owner}/${repo}` };
}
