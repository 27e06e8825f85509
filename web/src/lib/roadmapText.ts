import { BUILTIN_ROADMAP, type LocalizedText } from '@masar/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The text of roadmap rows (roadmap, stage, skill, brief, resource). A row whose `builtinKey` is set
 * still carries the built-in text (stored in English), so we show the built-in title and
 * description in the current language; once someone edits it, `builtinKey` is null and the row's
 * own text is shown as written.
 */
export type RoadmapTextKind = 'roadmap' | 'stage' | 'skill' | 'brief' | 'resource';

export interface RoadmapTextRow {
  builtinKey?: string | null | undefined;
  title?: string | null | undefined;
  description?: string | null | undefined;
}

export interface RoadmapText {
  title: string;
  description: string;
}

type Entry = { title: LocalizedText; description?: LocalizedText };

const BUILTIN: Record<RoadmapTextKind, Map<string, Entry>> = {
  roadmap: new Map([[BUILTIN_ROADMAP.key, BUILTIN_ROADMAP]]),
  stage: new Map(BUILTIN_ROADMAP.stages.map((s) => [s.key, s])),
  skill: new Map(BUILTIN_ROADMAP.skills.map((s) => [s.key, s])),
  brief: new Map(BUILTIN_ROADMAP.briefs.map((b) => [b.key, b])),
  resource: new Map(BUILTIN_ROADMAP.resources.map((r) => [r.key, r])),
};

function pick(text: LocalizedText, locale: string): string {
  return locale.startsWith('ar') ? text.ar : text.en;
}

/** The title and description to show for `row` in `locale`. */
export function roadmapText(kind: RoadmapTextKind, row: RoadmapTextRow, locale: string): RoadmapText {
  const own = { title: row.title ?? '', description: row.description ?? '' };
  const entry = row.builtinKey ? BUILTIN[kind].get(row.builtinKey) : undefined;
  if (!entry) return own;
  return {
    title: pick(entry.title, locale),
    description: entry.description ? pick(entry.description, locale) : own.description,
  };
}

/** `roadmapText` bound to the current language: `const text = useRoadmapText(); text('skill', row).title`. */
export function useRoadmapText() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useCallback((kind: RoadmapTextKind, row: RoadmapTextRow) => roadmapText(kind, row, locale), [locale]);
}

/**
 * For an edit form prefilled with the shown (possibly translated built-in) text: when the user left
 * the text as shown, the row's own stored text goes back to the server, so the row stays
 * "built-in" (and keeps following the language). Otherwise the new text is sent as typed.
 */
export function textToSave(
  kind: RoadmapTextKind,
  row: RoadmapTextRow,
  locale: string,
  values: { title: string; description?: string },
): { title: string; description: string; changed: boolean } {
  const shown = roadmapText(kind, row, locale);
  const description = values.description ?? shown.description;
  const changed = values.title.trim() !== shown.title.trim() || description.trim() !== shown.description.trim();
  if (!changed) return { title: row.title ?? values.title, description: row.description ?? description, changed };
  return { title: values.title, description, changed };
}
