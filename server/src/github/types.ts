import {
  AnalysisSignalSchema,
  type SignalEvidence,
  type StoredAnalysisNote,
  StoredAnalysisNoteSchema,
} from '@masar/shared';
import { z } from 'zod';

export interface GithubOptions {
  /** e.g. https://api.github.com, a GitHub Enterprise `https://ghe.example/api/v3`, or a test server. */
  apiUrl: string;
  /** Sent as `authorization: Bearer …` when set. */
  token?: string | undefined;
  /** Per request (each redirect hop is a request), default 10 000. */
  timeoutMs?: number;
  /** Per response body, default 2 000 000; manifests are also held to 200 000. */
  maxBytes?: number;
  /** Default 'masar-repo-analysis' (GitHub refuses requests without a user agent). */
  userAgent?: string;
  /**
   * Analyse a repository GitHub reports as private (the token can read it). Default false: a
   * private repository is answered `not_found`, like GitHub answers anyone without access, so a
   * platform token never shows one tenant's private code to another.
   */
  allowPrivate?: boolean;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface AnalysisResult {
  repo: {
    fullName: string;
    htmlUrl: string;
    description: string | null;
    defaultBranch: string;
    headSha: string;
    pushedAt: string | null;
    stars: number;
    license: string | null;
    topics: string[];
    archived: boolean;
    fork: boolean;
  };
  /** Bytes per language. */
  languages: Record<string, number>;
  primaryLanguage: string | null;
  /** 'node' | 'python' | 'php' | 'java' | 'go' | 'ruby' | null */
  track: string | null;
  tree: { fileCount: number; truncated: boolean };
  manifests: { path: string; status: 'read' | 'too_large' | 'unreadable' }[];
  /**
   * evidence = the file or fact that triggered it, as items without words, e.g.
   * `[{ kind: 'dependency', manifest: 'package.json', name: 'express' }]` (see `EvidenceItem` in
   * shared). Results stored before that hold an English string; a new analysis never writes one.
   */
  signals: { key: string; skillKeys: string[]; evidence: SignalEvidence }[];
  /** Union of the signals' skillKeys, sorted. */
  suggestedSkills: string[];
  /** Share of the commits on the page read authored by the login; null when no login was given. */
  authorship: { login: string; authored: number; total: number; share: number } | null;
  /** How the repository was read (kind + data; English sentences in results stored before). */
  notes: StoredAnalysisNote[];
}

export type AnalysisOutcome =
  | { kind: 'done'; result: AnalysisResult; etag: string | null; notModified: boolean; apiCalls: number }
  /** Missing OR private: the message to show is "not found or private". */
  | { kind: 'not_found'; apiCalls: number }
  /** Reschedule at retryAt, do not fail. */
  | { kind: 'rate_limited'; retryAt: Date; apiCalls: number }
  /** reason: 'malformed_response', 'timeout', 'too_large', 'http_500', 'redirect_refused', … */
  | { kind: 'failed'; reason: string; apiCalls: number };

/**
 * The stored form of an `AnalysisResult` (e.g. a jsonb column), to check what comes back from
 * storage before passing it as `previous.result`.
 */
export const AnalysisResultSchema = z.object({
  repo: z.object({
    fullName: z.string(),
    htmlUrl: z.string(),
    description: z.string().nullable(),
    defaultBranch: z.string(),
    headSha: z.string(),
    pushedAt: z.string().nullable(),
    stars: z.number(),
    license: z.string().nullable(),
    topics: z.array(z.string()),
    archived: z.boolean(),
    fork: z.boolean(),
  }),
  languages: z.record(z.string(), z.number()),
  primaryLanguage: z.string().nullable(),
  track: z.string().nullable(),
  tree: z.object({ fileCount: z.number(), truncated: z.boolean() }),
  manifests: z.array(z.object({ path: z.string(), status: z.enum(['read', 'too_large', 'unreadable']) })),
  signals: z.array(AnalysisSignalSchema),
  suggestedSkills: z.array(z.string()),
  authorship: z.object({ login: z.string(), authored: z.number(), total: z.number(), share: z.number() }).nullable(),
  notes: z.array(StoredAnalysisNoteSchema),
}) satisfies z.ZodType<AnalysisResult>;
