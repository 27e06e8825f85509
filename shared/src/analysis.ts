import { z } from 'zod';

/**
 * The evidence of a repository-analysis signal: what triggered it, as data without words, so the
 * web app can say it in the reader's language (decision 013). Paths, file names, package names and
 * language names are shown as written (code); everything around them comes from the catalogs.
 *
 * - `language`: a language and its share of the code bytes (0–100, rounded): "TypeScript 96%".
 * - `file`: a path in the tree; a folder ends with `/` (`prisma/migrations/`, `k8s/`). Also the
 *   name of a manifest found somewhere in the tree (`package.json` next to the language).
 * - `dependency`: a dependency `name` declared in `manifest` (a path); `note: 'eloquent'` when it
 *   counts for what it ships (laravel/framework brings the Eloquent ORM).
 * - `mention`: `text` appears in `manifest` (spring-boot in a pom.xml: parent, plugin or starter).
 * - `more`: `count` more files of the same kind (the tests signal names its first test file).
 * - `noLanguageStats`: GitHub has no language statistics yet; the manifest beside it decided.
 */
export const EvidenceItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('language'), name: z.string(), percent: z.number() }),
  z.object({ kind: z.literal('file'), path: z.string() }),
  z.object({
    kind: z.literal('dependency'),
    manifest: z.string(),
    name: z.string(),
    note: z.literal('eloquent').optional(),
  }),
  z.object({ kind: z.literal('mention'), manifest: z.string(), text: z.string() }),
  z.object({ kind: z.literal('more'), count: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('noLanguageStats') }),
]);
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
export type EvidenceKind = EvidenceItem['kind'];
export const EVIDENCE_KINDS = [
  'language',
  'file',
  'dependency',
  'mention',
  'more',
  'noLanguageStats',
] as const satisfies readonly EvidenceKind[];

/**
 * A signal's evidence as stored: a list of items, or — in results written before evidence was
 * structured — an English string such as `package.json: dependency express`, shown as it is.
 */
export const SignalEvidenceSchema = z.union([z.array(EvidenceItemSchema), z.string()]);
export type SignalEvidence = z.infer<typeof SignalEvidenceSchema>;

export const AnalysisSignalSchema = z.object({
  key: z.string(),
  skillKeys: z.array(z.string()),
  evidence: SignalEvidenceSchema,
});
export type AnalysisSignal = z.infer<typeof AnalysisSignalSchema>;

/** True when a signal's evidence is the old English string (results stored before structured evidence). */
export function isLegacyEvidence(evidence: SignalEvidence): evidence is string {
  return typeof evidence === 'string';
}

/**
 * A note about how an analysis read the repository, as data without words (the web app words it):
 * the repository is private (read with the token's access), a fork or archived; the tree was
 * truncated; no manifest was found; a manifest was too large (`bytes` of the file, or an answer
 * over `limit` bytes), not read because the call budget was spent, missing at `sha`, in an
 * unexpected `encoding` or not valid (`format`); authorship was counted on the latest `commits`.
 */
export const AnalysisNoteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('private') }),
  z.object({ kind: z.literal('fork') }),
  z.object({ kind: z.literal('archived') }),
  z.object({ kind: z.literal('treeTruncated') }),
  z.object({ kind: z.literal('noManifest') }),
  z.object({ kind: z.literal('manifestTooLarge'), path: z.string(), bytes: z.number(), limit: z.number() }),
  z.object({ kind: z.literal('manifestAnswerTooLarge'), path: z.string(), limit: z.number() }),
  z.object({ kind: z.literal('manifestSkipped'), path: z.string() }),
  z.object({ kind: z.literal('manifestMissing'), path: z.string(), sha: z.string() }),
  z.object({ kind: z.literal('manifestEncoding'), path: z.string(), encoding: z.string() }),
  z.object({ kind: z.literal('manifestInvalid'), path: z.string(), format: z.enum(['json', 'other']) }),
  z.object({ kind: z.literal('authorshipWindow'), commits: z.number() }),
]);
export type AnalysisNote = z.infer<typeof AnalysisNoteSchema>;

/** A stored note: structured, or an English sentence in results stored before (shown as it is). */
export const StoredAnalysisNoteSchema = z.union([AnalysisNoteSchema, z.string()]);
export type StoredAnalysisNote = z.infer<typeof StoredAnalysisNoteSchema>;
