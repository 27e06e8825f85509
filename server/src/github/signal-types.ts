/** What a signal is: the skill keys it may suggest, its shape, and the caps the rules share. */
import type { EvidenceItem } from '@masar/shared';

/** Roadmap skill keys a signal may suggest: all are built-in skill keys (a test checks it). */
export const SIGNAL_SKILL_KEYS = [
  'backend-language',
  'first-api',
  'sql-basics',
  'databases-advanced',
  'authentication',
  'rest-design',
  'testing',
  'ci-cd',
  'docker',
  'kubernetes-basics',
  'caching',
  'message-queues',
  'observability',
  'logging',
  'git',
  'cloud-deploy',
] as const;
export type SignalSkillKey = (typeof SIGNAL_SKILL_KEYS)[number];

export type SignalKey =
  | 'language'
  | 'framework'
  | 'orm'
  | 'sql-driver'
  | 'sql-migrations'
  | 'auth'
  | 'openapi'
  | 'tests'
  | 'ci'
  | 'docker'
  | 'kubernetes'
  | 'cache'
  | 'queue'
  | 'realtime'
  | 'observability'
  | 'docs-deploy';

export interface Signal {
  key: SignalKey;
  skillKeys: SignalSkillKey[];
  /**
   * The file or fact that triggered it, as items without words (the web app says them in the
   * reader's language): `[{ kind: 'dependency', manifest: 'package.json', name: 'express' }]`.
   */
  evidence: EvidenceItem[];
}

/** At most this many entries per signal key from file paths (a monorepo may hold 40 Dockerfiles). */
export const MAX_PATH_EVIDENCE_PER_KEY = 5;
/** A track counts only when its languages hold at least this share of the code bytes. */
export const MIN_TRACK_SHARE = 0.1;

/** A stable identity of an evidence (items are built with their keys in a fixed order). */
export function evidenceId(evidence: readonly EvidenceItem[]): string {
  return JSON.stringify(evidence);
}
