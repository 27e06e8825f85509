import { z } from 'zod';
import { ORG_KINDS, ROLES } from './access';
import { zIsoDate } from './timeline';

/**
 * Text PostgreSQL can store exactly: no NUL (text columns refuse U+0000) and no unpaired UTF-16
 * surrogate (it has no UTF-8 form; drivers would silently store U+FFFD instead).
 */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** The start of every free-text field: a string PostgreSQL stores byte for byte (see isStorableText). */
export const zText = () => z.string().refine(isStorableText, { message: 'errors.text.invalidCharacters' });

/**
 * The one unit of every length limit: Unicode code points (what PostgreSQL's `char_length` counts,
 * and the same in every browser and Node version — grapheme segmentation follows the ICU version).
 * An emoji such as 😀 is one, an accented letter written with a combining mark (e + ◌́) two, an
 * Arabic letter with its haraka two. A lone surrogate counts one (zText refuses it anyway).
 */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * The length limits of a string field, in textLength's unit: every bounded string field of the
 * app goes through this (never zod's own `.min`/`.max`, which count UTF-16 code units).
 */
export function bounded<T extends z.ZodString>(
  schema: T,
  limits: { min?: number; tooShort?: string; max: number; tooLong: string },
): T {
  const { min, tooShort, max, tooLong } = limits;
  const withMin =
    min === undefined ? schema : (schema.refine((v) => textLength(v) >= min, { message: tooShort ?? tooLong }) as T);
  return withMin.refine((v) => textLength(v) <= max, { message: tooLong }) as T;
}

/** Error message keys are i18n keys (see web/src/i18n); the web app translates them. */
export const zEmail = bounded(z.string().trim(), {
  min: 1,
  tooShort: 'errors.email.required',
  max: 254,
  tooLong: 'errors.email.tooLong',
}).pipe(z.email({ message: 'errors.email.invalid' }));

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const zPassword = bounded(z.string(), {
  min: PASSWORD_MIN,
  tooShort: 'errors.password.tooShort',
  max: PASSWORD_MAX,
  tooLong: 'errors.password.tooLong',
});
/** A password typed to prove who one is (log-in, current password): any length up to the maximum. */
const zPasswordGiven = bounded(z.string(), {
  min: 1,
  tooShort: 'errors.password.required',
  max: PASSWORD_MAX,
  tooLong: 'errors.password.tooLong',
});

export const zPersonName = bounded(zText().trim(), {
  min: 1,
  tooShort: 'errors.name.required',
  max: 100,
  tooLong: 'errors.name.tooLong',
});

export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const zSlug = bounded(z.string().trim().toLowerCase(), {
  min: 3,
  tooShort: 'errors.slug.tooShort',
  max: 40,
  tooLong: 'errors.slug.tooLong',
}).regex(SLUG_RE, { message: 'errors.slug.format' });

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const zTimeZone = bounded(z.string().trim(), {
  min: 1,
  max: 64,
  tooLong: 'errors.timeZone.invalid',
}).refine(isValidTimeZone, { message: 'errors.timeZone.invalid' });

export const zRole = z.enum(ROLES, { message: 'errors.role.invalid' });
export const zOrgKind = z.enum(ORG_KINDS, { message: 'errors.orgKind.invalid' });

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
export const zGithubLogin = z.string().trim().regex(GITHUB_LOGIN, { message: 'errors.githubLogin.invalid' });

export const signUpInput = z.object({
  name: zPersonName,
  email: zEmail,
  password: zPassword,
  /** Optional at sign-up (an empty field is none): counts the learner's own commits in analyses. */
  githubLogin: z
    .string()
    .trim()
    .refine((v) => v === '' || GITHUB_LOGIN.test(v), { message: 'errors.githubLogin.invalid' })
    .optional(),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const logInInput = z.object({
  email: zEmail,
  password: zPasswordGiven,
});
export type LogInInput = z.infer<typeof logInInput>;

export const changePasswordInput = z.object({
  currentPassword: zPasswordGiven,
  newPassword: zPassword,
});

export const createOrgInput = z.object({
  name: bounded(zText().trim(), {
    min: 2,
    tooShort: 'errors.orgName.tooShort',
    max: 100,
    tooLong: 'errors.orgName.tooLong',
  }),
  slug: zSlug,
  kind: zOrgKind,
  timeZone: zTimeZone.default('Africa/Cairo'),
  /** The organisation's language (invitation emails, members without their own): the creator's. */
  defaultLocale: z.enum(['en', 'ar'], { message: 'errors.locale.invalid' }).optional(),
});
export type CreateOrgInput = z.infer<typeof createOrgInput>;

export const orgRef = z.object({ orgSlug: zSlug });

/** Turn a display name into a URL slug suggestion. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** Numbering systems for Arabic text (Unicode `nu` keyword values): Western 0-9 and Arabic-Indic ٠-٩. */
export const DIGITS = ['latn', 'arab'] as const;
export type Digits = (typeof DIGITS)[number];
export const zDigits = z.enum(DIGITS, { message: 'errors.digits.invalid' });

export const updateProfileInput = z.object({
  name: zPersonName.optional(),
  githubLogin: zGithubLogin.nullable().optional(),
  digestOptOut: z.boolean().optional(),
  locale: z.enum(['en', 'ar'], { message: 'errors.locale.invalid' }).nullable().optional(),
  /** Digits shown in Arabic: Western (0-9) or Arabic-Indic (٠-٩); null = the default (Western). */
  digits: zDigits.nullable().optional(),
});

export const updateOrgInput = z.object({
  name: createOrgInput.shape.name.optional(),
  timeZone: zTimeZone.optional(),
  defaultLocale: z.enum(['en', 'ar'], { message: 'errors.locale.invalid' }).optional(),
});

/** Offset pagination for tables: page numbers from 1, page size capped at 100. */
export const zOffsetPage = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type OffsetPage = z.infer<typeof zOffsetPage>;

export const inviteInput = z.object({
  email: zEmail,
  role: zRole,
});
export type InviteInput = z.infer<typeof inviteInput>;

/** A short note (assignments). */
export const zNote = bounded(zText().trim(), { max: 2000, tooLong: 'errors.note.tooLong' });
/** A search box. */
export const zSearch = bounded(zText().trim(), { max: 100, tooLong: 'errors.search.tooLong' });

export const zId = z.uuid({ message: 'errors.id.invalid' });
export const zInviteToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { message: 'errors.invitation.invalidLink' });

// ---------------------------------------------------------------- roadmaps and cohorts

export const zMonth = z
  .number({ message: 'errors.month.invalid' })
  .int({ message: 'errors.month.invalid' })
  .min(0, { message: 'errors.month.range' })
  .max(36, { message: 'errors.month.range' });

const zWindow = z
  .object({ startMonth: zMonth, endMonth: zMonth })
  .refine((w) => w.startMonth < w.endMonth, { message: 'errors.month.order', path: ['endMonth'] });

export const zTitle = bounded(zText().trim(), {
  min: 1,
  tooShort: 'errors.title.required',
  max: 200,
  tooLong: 'errors.title.tooLong',
});
export const zDescription = bounded(zText().trim(), { max: 5000, tooLong: 'errors.description.tooLong' });
export const zSkillKey = bounded(z.string().trim().toLowerCase(), {
  min: 2,
  max: 60,
  tooLong: 'errors.key.format',
}).regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { message: 'errors.key.format' });
export const SKILL_CATEGORY_VALUES = [
  'fundamentals',
  'languages',
  'databases',
  'apis',
  'architecture',
  'workflow',
  'testing',
  'devops',
  'performance',
  'observability',
  'career',
] as const;
export const zCategory = z.enum(SKILL_CATEGORY_VALUES, { message: 'errors.category.invalid' });
export const zResourceKind = z.enum(['docs', 'course', 'practice', 'book', 'certification', 'community'], {
  message: 'errors.resourceKind.invalid',
});
/** An http(s) URL; storable text (no NUL, no lone surrogate) before the URL parser sees it. */
export const zHttpsUrl = bounded(zText().trim(), { max: 2000, tooLong: 'errors.url.invalid' }).pipe(
  z.url({ protocol: /^https?$/, message: 'errors.url.invalid' }),
);

export const roadmapRef = z.object({ roadmapId: zId });

export const updateRoadmapInput = roadmapRef.extend({ title: zTitle.optional(), description: zDescription.optional() });
export const duplicateRoadmapInput = roadmapRef.extend({ title: zTitle });

export const addStageInput = z
  .object({ roadmapId: zId, title: zTitle, description: zDescription.default('') })
  .and(zWindow);
export const updateStageInput = z.object({
  stageId: zId,
  title: zTitle.optional(),
  description: zDescription.optional(),
  startMonth: zMonth.optional(),
  endMonth: zMonth.optional(),
});
export const moveInput = z.object({ direction: z.enum(['up', 'down']) });

export const addSkillInput = z
  .object({
    roadmapId: zId,
    stageId: zId,
    /** Reuse a catalogue skill by key, or create one (key derived from the title when absent). */
    key: zSkillKey.optional(),
    title: zTitle,
    description: zDescription.default(''),
    category: zCategory,
  })
  .and(zWindow);
export const updateSkillInput = z.object({
  roadmapId: zId,
  skillId: zId,
  title: zTitle.optional(),
  description: zDescription.optional(),
  category: zCategory.optional(),
  stageId: zId.optional(),
  startMonth: zMonth.optional(),
  endMonth: zMonth.optional(),
});

export const briefInput = z.object({
  title: zTitle,
  description: zDescription.default(''),
  skillIds: z.array(zId).max(100).default([]),
});
export const resourceInput = z.object({
  title: zTitle,
  kind: zResourceKind,
  url: zHttpsUrl,
  skillIds: z.array(zId).max(100).default([]),
});

export const createCohortInput = z
  .object({
    name: zTitle,
    roadmapId: zId,
    startDate: zIsoDate,
    endDate: zIsoDate.nullish(),
  })
  .refine((c) => !c.endDate || c.endDate > c.startDate, { message: 'errors.date.endBeforeStart', path: ['endDate'] });

// ---------------------------------------------------------------- submissions and reviews

export const submitInput = z.object({
  cohortId: zId,
  repoUrl: bounded(zText().trim(), { min: 1, max: 300, tooLong: 'errors.repoUrl.invalid' }),
  briefId: zId.nullish(),
  claimedSkillIds: z.array(zId).max(50).default([]),
  title: zTitle,
  note: zDescription.default(''),
});
export type SubmitInput = z.infer<typeof submitInput>;

export const SKILL_RATINGS = ['not_shown', 'partial', 'demonstrated'] as const;
export const reviewInput = z.object({
  submissionId: zId,
  revision: z.number().int().min(1),
  expectedVersion: z.number().int().min(1),
  decision: z.enum(['approved', 'changes_requested'], { message: 'errors.review.decision' }),
  comment: bounded(zText().trim(), { max: 20_000, tooLong: 'errors.comment.tooLong' }).default(''),
  ratings: z
    .array(z.object({ skillId: zId, rating: z.enum(SKILL_RATINGS, { message: 'errors.review.rating' }) }))
    .max(50)
    .default([]),
});

/** The columns the cohort dashboard's learners table sorts by (server procedure and web table). */
export const COHORT_LEARNER_SORTS = [
  'name',
  'coverage',
  'expected',
  'difference',
  'status',
  'overdue',
  'open',
  'lastActivity',
] as const;
export type CohortLearnerSort = (typeof COHORT_LEARNER_SORTS)[number];

/** The columns the company managers' hires table sorts by (server procedure and web table). */
export const HIRE_SORTS = ['name', 'cohort', 'readiness', 'gaps', 'overdue', 'lastActivity'] as const;
export type HireSort = (typeof HIRE_SORTS)[number];
