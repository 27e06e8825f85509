import { describe, expect, it } from 'vitest';
import { parseGithubRepoUrl } from './github-url';

const GOOD: [string, string][] = [
  ['https://github.com/octocat/Hello-World', 'octocat/Hello-World'],
  ['https://github.com/octocat/Hello-World/', 'octocat/Hello-World'],
  ['https://github.com/octocat/Hello-World.git', 'octocat/Hello-World'],
  ['https://github.com/octocat/hello.world', 'octocat/hello.world'],
  ['https://github.com/octocat/Hello-World/tree/main', 'octocat/Hello-World'],
  ['https://github.com/octocat/Hello-World/tree/feature/x/src', 'octocat/Hello-World'],
  ['  https://github.com/mona-lisa/repo_1  ', 'mona-lisa/repo_1'],
  ['https://www.github.com/octocat/Spoon-Knife', 'octocat/Spoon-Knife'],
  ['HTTPS://GITHUB.COM/octocat/Spoon-Knife', 'octocat/Spoon-Knife'],
];

const HOSTILE = [
  '',
  'github.com/octocat/Hello-World',
  'http://github.com/octocat/Hello-World',
  'https://gitlab.com/octocat/Hello-World',
  'https://github.com.evil.com/octocat/Hello-World',
  'https://evil.com/github.com/octocat/Hello-World',
  'https://github.com@evil.com/octocat/repo',
  'https://user:pass@github.com/octocat/repo',
  'https://user@github.com/octocat/repo',
  'git@github.com:octocat/Hello-World.git',
  'ssh://git@github.com/octocat/Hello-World.git',
  'https://github.com:443/octocat/repo',
  'https://github.com:8080/octocat/repo',
  'https://140.82.112.3/octocat/repo',
  'https://[::1]/octocat/repo',
  'https://github.com/octocat',
  'https://github.com/octocat/',
  'https://github.com//octocat/repo',
  'https://github.com/octocat/repo/issues',
  'https://github.com/octocat/repo/blob/main/README.md',
  'https://github.com/octocat/repo/tree',
  'https://github.com/octocat/repo?tab=readme',
  'https://github.com/octocat/repo#readme',
  'https://github.com/octocat/%2e%2e',
  'https://github.com/octocat/repo%2F..%2F..',
  'https://github.com/%6fctocat/repo',
  'https://github.com/octocat/..',
  'https://github.com/octocat/.',
  'https://github.com/../octocat/repo',
  'https://github.com\\octocat\\repo',
  'https://github.com/octo cat/repo',
  'https://github.com/octocat/re\npo',
  'https://github.com/-octocat/repo',
  'https://github.com/octo--cat/repo',
  'https://github.com/orgs/octocat',
  'https://github.com/settings/profile',
  'https://gіthub.com/octocat/repo', // Cyrillic і
  'https://xn--gthub-n4a.com/octocat/repo',
  'javascript:alert(1)//https://github.com/a/b',
  'https://github.com/octocat/repo.git.git',
  `https://github.com/octocat/${'a'.repeat(101)}`,
  `https://github.com/${'a'.repeat(40)}/repo`,
  'file:///etc/passwd',
  'https://github.com/octocat/repo\u0000',
  'https://github.com/octocat/repo/\u202e',
];

describe('parseGithubRepoUrl', () => {
  it.each(GOOD)('accepts %s', (input, fullName) => {
    const r = parseGithubRepoUrl(input);
    expect(r).toMatchObject({ ok: true, fullName, url: `https://github.com/${fullName}` });
  });

  it.each(HOSTILE)('refuses %j with a message saying what is accepted', (input) => {
    expect(parseGithubRepoUrl(input)).toEqual({ ok: false, error: 'errors.repoUrl.invalid' });
  });
});
