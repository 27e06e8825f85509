import { z } from 'zod';

/**
 * zod schemas for the parts of GitHub's REST responses the analysis reads. They are shaped like
 * GitHub's (API version 2022-11-28) but only list the fields we use: every object is loose, so
 * the many other fields GitHub sends pass through untouched.
 */

/** A git object id: SHA-1 today, SHA-256 for repositories created in that format. */
export const GitSha = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'git object id');

/** `owner/name` as GitHub spells it: the characters GitHub allows in logins and repo names. */
export const FullName = z.string().regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, 'owner/name');

/** `GET /repos/{owner}/{repo}` (the "full repository" object). */
export const RepoPayload = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  full_name: FullName,
  private: z.boolean(),
  owner: z.looseObject({ login: z.string() }),
  html_url: z.url(),
  description: z.string().nullable(),
  fork: z.boolean(),
  default_branch: z.string().min(1).max(255),
  pushed_at: z.string().nullable(),
  stargazers_count: z.number().int().nonnegative(),
  license: z
    .looseObject({
      key: z.string(),
      name: z.string(),
      spdx_id: z.string().nullable(),
    })
    .nullable(),
  topics: z.array(z.string()).optional(),
  archived: z.boolean(),
});
export type RepoPayload = z.infer<typeof RepoPayload>;

/** `GET /repos/{owner}/{repo}/languages`: bytes of code per language. */
export const LanguagesPayload = z.record(z.string(), z.number().int().nonnegative());
export type LanguagesPayload = z.infer<typeof LanguagesPayload>;

/** `GET /repos/{owner}/{repo}/commits`: `author` is the linked GitHub account, null when none. */
export const CommitsPayload = z.array(
  z.looseObject({
    sha: GitSha,
    commit: z.looseObject({
      author: z.looseObject({ name: z.string().optional(), date: z.string().optional() }).nullable(),
      message: z.string(),
    }),
    author: z.looseObject({ login: z.string() }).nullable(),
  }),
);
export type CommitsPayload = z.infer<typeof CommitsPayload>;

/** `GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1`. */
export const TreePayload = z.looseObject({
  sha: GitSha,
  tree: z.array(
    z.looseObject({
      path: z.string().min(1),
      mode: z.string(),
      // 'blob' (file), 'tree' (folder), 'commit' (submodule)
      type: z.enum(['blob', 'tree', 'commit']),
      sha: GitSha,
      size: z.number().int().nonnegative().optional(),
    }),
  ),
  truncated: z.boolean(),
});
export type TreePayload = z.infer<typeof TreePayload>;
export type TreeEntry = TreePayload['tree'][number];

/**
 * `GET /repos/{owner}/{repo}/contents/{path}` for a file. Files of 1–100 MB come back with
 * `encoding: 'none'` and an empty `content`.
 */
export const ContentsPayload = z.looseObject({
  type: z.literal('file'),
  name: z.string(),
  path: z.string(),
  sha: GitSha,
  size: z.number().int().nonnegative(),
  encoding: z.string(),
  content: z.string(),
});
export type ContentsPayload = z.infer<typeof ContentsPayload>;

/** The body of most error responses: `{ message, documentation_url, status? }`. */
export const ErrorPayload = z.looseObject({
  message: z.string(),
  documentation_url: z.string().optional(),
});
