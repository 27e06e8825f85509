/**
 * Types for the built-in roadmap that every new organisation receives (see `./builtin.ts`).
 * Months count from the day a learner starts; a skill's window is `[startMonth, endMonth)` and the
 * skill is expected to be demonstrated by `endMonth`.
 */

/** Chart columns (radar / heatmap). Every skill belongs to exactly one category. */
export const SKILL_CATEGORIES = [
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
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export const RESOURCE_KINDS = ['docs', 'course', 'practice', 'book', 'certification', 'community'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A text in both interface languages (English and Modern Standard Arabic). */
export interface LocalizedText {
  en: string;
  ar: string;
}

export interface BuiltinStage {
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  startMonth: number;
  /** 36 for "36+" (see `openEnded`). */
  endMonth: number;
  /** True when the stage stays open after `endMonth` ("36+"). */
  openEnded: boolean;
}

export interface BuiltinSkill {
  key: string;
  /** The stage whose month range contains this skill's window. */
  stageKey: string;
  title: LocalizedText;
  /** One paragraph: what the skill means and how a learner shows it. */
  description: LocalizedText;
  category: SkillCategory;
  /** Start of the milestone window (inclusive). */
  startMonth: number;
  /** End of the milestone window: the skill is expected to be demonstrated by this month. */
  endMonth: number;
}

/** A portfolio project a learner submits a repository against. */
export interface BuiltinBrief {
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Skills a submission for this brief can evidence. */
  skillKeys: string[];
}

export interface BuiltinResource {
  key: string;
  title: LocalizedText;
  kind: ResourceKind;
  /** The resource's official home page (https). */
  url: string;
  /** Skills it helps with; may be empty. */
  skillKeys: string[];
}

/** A backend language named by the roadmap and the frameworks it names for it. */
export interface BuiltinLanguage {
  key: string;
  name: string;
  frameworks: string[];
}

export interface BuiltinRoadmap {
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  stages: BuiltinStage[];
  skills: BuiltinSkill[];
  briefs: BuiltinBrief[];
  resources: BuiltinResource[];
  languages: BuiltinLanguage[];
}
