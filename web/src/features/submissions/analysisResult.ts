import { SignalEvidenceSchema, StoredAnalysisNoteSchema } from '@masar/shared';
import { z } from 'zod';

/** The stored analysis result (jsonb), checked before it is shown; anything unexpected shows nothing. */
const resultSchema = z.object({
  repo: z.object({
    fullName: z.string(),
    description: z.string().nullable().catch(null),
    defaultBranch: z.string(),
    headSha: z.string(),
    pushedAt: z.string().nullable().catch(null),
    stars: z.number().catch(0),
    license: z.string().nullable().catch(null),
    topics: z.array(z.string()).catch([]),
    archived: z.boolean().catch(false),
    fork: z.boolean().catch(false),
  }),
  languages: z.record(z.string(), z.number()).catch({}),
  track: z.string().nullable().catch(null),
  // evidence: structured items, or an English string in results stored before them (shown as is)
  signals: z
    .array(z.object({ key: z.string(), skillKeys: z.array(z.string()), evidence: SignalEvidenceSchema.catch([]) }))
    .catch([]),
  suggestedSkills: z.array(z.string()).catch([]),
  authorship: z
    .object({ login: z.string(), authored: z.number(), total: z.number(), share: z.number() })
    .nullable()
    .catch(null),
  // structured notes, or English sentences in results stored before them; unknown kinds are left out
  notes: z
    .array(z.unknown())
    .catch([])
    .transform((notes) =>
      notes.flatMap((n) => {
        const parsed = StoredAnalysisNoteSchema.safeParse(n);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});
export type AnalysisView = z.infer<typeof resultSchema>;

export function parseAnalysisResult(result: unknown): AnalysisView | null {
  const parsed = resultSchema.safeParse(result);
  return parsed.success ? parsed.data : null;
}
