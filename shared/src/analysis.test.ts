import { describe, expect, it } from 'vitest';
import {
  AnalysisNoteSchema,
  AnalysisSignalSchema,
  EvidenceItemSchema,
  isLegacyEvidence,
  SignalEvidenceSchema,
  StoredAnalysisNoteSchema,
} from './analysis';

describe('signal evidence', () => {
  it('reads structured items', () => {
    const items = [
      { kind: 'language', name: 'TypeScript', percent: 96 },
      { kind: 'file', path: 'package.json' },
      { kind: 'dependency', manifest: 'composer.json', name: 'laravel/framework', note: 'eloquent' },
      { kind: 'mention', manifest: 'pom.xml', text: 'spring-boot' },
      { kind: 'more', count: 3 },
      { kind: 'noLanguageStats' },
    ];
    expect(SignalEvidenceSchema.parse(items)).toEqual(items);
    expect(isLegacyEvidence(SignalEvidenceSchema.parse(items))).toBe(false);
  });

  it('still reads the English strings stored before evidence was structured', () => {
    const old = { key: 'framework', skillKeys: ['first-api'], evidence: 'package.json: dependency express' };
    const parsed = AnalysisSignalSchema.parse(old);
    expect(parsed).toEqual(old);
    expect(isLegacyEvidence(parsed.evidence)).toBe(true);
  });

  it('refuses unknown kinds, missing fields and words in place of a note', () => {
    expect(EvidenceItemSchema.safeParse({ kind: 'sentence', text: 'uses express' }).success).toBe(false);
    expect(EvidenceItemSchema.safeParse({ kind: 'dependency', name: 'express' }).success).toBe(false);
    expect(
      EvidenceItemSchema.safeParse({ kind: 'dependency', manifest: 'a', name: 'b', note: 'Eloquent ORM' }).success,
    ).toBe(false);
    expect(EvidenceItemSchema.safeParse({ kind: 'more', count: -1 }).success).toBe(false);
    expect(SignalEvidenceSchema.safeParse(42).success).toBe(false);
  });
});

describe('analysis notes', () => {
  it('reads structured notes and the English sentences stored before them', () => {
    const notes = [
      { kind: 'treeTruncated' },
      { kind: 'manifestTooLarge', path: 'package.json', bytes: 5_000_000, limit: 200_000 },
      { kind: 'manifestInvalid', path: 'package.json', format: 'json' },
      { kind: 'authorshipWindow', commits: 100 },
      'manifest package.json unreadable: not valid JSON',
    ];
    for (const note of notes) expect(StoredAnalysisNoteSchema.parse(note)).toEqual(note);
  });

  it('refuses unknown kinds and missing data', () => {
    expect(AnalysisNoteSchema.safeParse({ kind: 'manifestTooLarge', path: 'package.json' }).success).toBe(false);
    expect(AnalysisNoteSchema.safeParse({ kind: 'manifestInvalid', path: 'a', format: 'JSON' }).success).toBe(false);
    expect(StoredAnalysisNoteSchema.safeParse({ kind: 'fromTheFuture' }).success).toBe(false);
  });
});
