import { describe, expect, it } from 'vitest';
import { BUILTIN_ROADMAP, BUILTIN_SKILL_KEYS, builtinSkillByKey } from './builtin';
import { type LocalizedText, RESOURCE_KINDS, SKILL_CATEGORIES } from './types';

const { stages, skills, briefs, resources, languages } = BUILTIN_ROADMAP;

/** The 26 skill keys of the milestone table in the agreed roadmap, window by window. */
const EXPECTED_SKILL_KEYS = [
  // 0–3
  'programming-fundamentals',
  'backend-language',
  'sql-basics',
  'http-basics',
  'first-api',
  // 3–6
  'authentication',
  'rest-design',
  'git',
  'cloud-deploy',
  // 6–12
  'testing',
  'ci-cd',
  'docker',
  'caching',
  'message-queues',
  'open-source',
  // 12–18
  'architecture',
  'databases-advanced',
  'api-security',
  'logging',
  'kubernetes-basics',
  // 18–36
  'system-design',
  'microservices',
  'observability',
  'scaling',
  'performance-tuning',
  'leadership',
];

function duplicates(keys: readonly string[]): string[] {
  return keys.filter((key, index) => keys.indexOf(key) !== index);
}

function expectLocalized(text: LocalizedText, where: string): void {
  expect(text.en.trim(), `${where} (en)`).not.toBe('');
  expect(text.ar.trim(), `${where} (ar)`).not.toBe('');
  // The Arabic text must actually be Arabic, not a copy of the English one.
  expect(text.ar, `${where} (ar)`).toMatch(/[\u0600-\u06FF]/);
}

describe('BUILTIN_ROADMAP', () => {
  it('has the agreed key and title', () => {
    expect(BUILTIN_ROADMAP.key).toBe('backend-egypt');
    expect(BUILTIN_ROADMAP.title.en).toBe('Backend developer roadmap (Egypt timeline)');
    expectLocalized(BUILTIN_ROADMAP.title, 'roadmap title');
    expectLocalized(BUILTIN_ROADMAP.description, 'roadmap description');
  });

  it('has unique keys for stages, skills, briefs, resources and languages', () => {
    expect(duplicates(stages.map((s) => s.key))).toEqual([]);
    expect(duplicates(skills.map((s) => s.key))).toEqual([]);
    expect(duplicates(briefs.map((b) => b.key))).toEqual([]);
    expect(duplicates(resources.map((r) => r.key))).toEqual([]);
    expect(duplicates(languages.map((l) => l.key))).toEqual([]);
  });

  it('has the three stages with their month ranges', () => {
    expect(stages.map((s) => [s.key, s.startMonth, s.endMonth, s.openEnded])).toEqual([
      ['beginner-to-junior', 0, 6, false],
      ['junior-to-mid', 6, 18, false],
      ['mid-to-senior', 18, 36, true],
    ]);
  });

  it('has exactly the 26 skills of the milestone table', () => {
    expect(skills).toHaveLength(26);
    expect([...skills.map((s) => s.key)].sort()).toEqual([...EXPECTED_SKILL_KEYS].sort());
    expect(BUILTIN_SKILL_KEYS).toEqual(skills.map((s) => s.key));
  });

  it('puts every skill inside 0–36 with start < end, on a milestone window', () => {
    const windows = new Set(['0-3', '3-6', '6-12', '12-18', '18-36']);
    for (const skill of skills) {
      expect(skill.startMonth, skill.key).toBeGreaterThanOrEqual(0);
      expect(skill.endMonth, skill.key).toBeLessThanOrEqual(36);
      expect(skill.startMonth, skill.key).toBeLessThan(skill.endMonth);
      expect(windows.has(`${skill.startMonth}-${skill.endMonth}`), skill.key).toBe(true);
    }
  });

  it('places every skill in an existing stage whose months contain its window', () => {
    for (const skill of skills) {
      const stage = stages.find((s) => s.key === skill.stageKey);
      expect(stage, `${skill.key} → ${skill.stageKey}`).toBeDefined();
      if (!stage) continue;
      expect(skill.startMonth, skill.key).toBeGreaterThanOrEqual(stage.startMonth);
      expect(skill.endMonth, skill.key).toBeLessThanOrEqual(stage.endMonth);
    }
  });

  it('has the expected windows for representative skills', () => {
    const window = (key: string) => {
      const skill = builtinSkillByKey(key);
      return skill && [skill.startMonth, skill.endMonth];
    };
    expect(window('programming-fundamentals')).toEqual([0, 3]);
    expect(window('first-api')).toEqual([0, 3]);
    expect(window('authentication')).toEqual([3, 6]);
    expect(window('cloud-deploy')).toEqual([3, 6]);
    expect(window('testing')).toEqual([6, 12]);
    expect(window('open-source')).toEqual([6, 12]);
    expect(window('architecture')).toEqual([12, 18]);
    expect(window('kubernetes-basics')).toEqual([12, 18]);
    expect(window('system-design')).toEqual([18, 36]);
    expect(window('leadership')).toEqual([18, 36]);
  });

  it('gives every skill one category from SKILL_CATEGORIES', () => {
    for (const skill of skills) {
      expect(SKILL_CATEGORIES, skill.key).toContain(skill.category);
    }
    expect(builtinSkillByKey('programming-fundamentals')?.category).toBe('fundamentals');
    expect(builtinSkillByKey('backend-language')?.category).toBe('languages');
    expect(builtinSkillByKey('git')?.category).toBe('workflow');
    expect(builtinSkillByKey('testing')?.category).toBe('testing');
    expect(builtinSkillByKey('docker')?.category).toBe('devops');
    expect(builtinSkillByKey('leadership')?.category).toBe('career');
  });

  it('has the four briefs with the skill keys of the agreed roadmap', () => {
    expect(Object.fromEntries(briefs.map((b) => [b.key, b.skillKeys]))).toEqual({
      'auth-api': ['backend-language', 'first-api', 'authentication', 'rest-design', 'api-security', 'testing'],
      'ecommerce-backend': ['sql-basics', 'rest-design', 'databases-advanced', 'architecture', 'testing', 'docker'],
      'realtime-service': ['message-queues', 'caching', 'architecture', 'scaling'],
      'production-ready': ['git', 'cloud-deploy', 'ci-cd', 'docker', 'observability'],
    });
  });

  it('refers only to existing skills from briefs and resources', () => {
    for (const brief of briefs) {
      for (const key of brief.skillKeys) expect(builtinSkillByKey(key), `${brief.key} → ${key}`).toBeDefined();
      expect(duplicates(brief.skillKeys), brief.key).toEqual([]);
    }
    for (const resource of resources) {
      for (const key of resource.skillKeys) expect(builtinSkillByKey(key), `${resource.key} → ${key}`).toBeDefined();
      expect(duplicates(resource.skillKeys), resource.key).toEqual([]);
    }
  });

  it('has resources of known kinds with https URLs that parse', () => {
    for (const resource of resources) {
      expect(RESOURCE_KINDS, resource.key).toContain(resource.kind);
      expect(resource.url, resource.key).toMatch(/^https:\/\//);
      expect(() => new URL(resource.url), resource.key).not.toThrow();
      expect(new URL(resource.url).protocol, resource.key).toBe('https:');
    }
    for (const kind of RESOURCE_KINDS) {
      expect(
        resources.some((r) => r.kind === kind),
        kind,
      ).toBe(true);
    }
  });

  it('has non-empty English and Arabic titles and descriptions everywhere', () => {
    for (const stage of stages) {
      expectLocalized(stage.title, `stage ${stage.key} title`);
      expectLocalized(stage.description, `stage ${stage.key} description`);
    }
    for (const skill of skills) {
      expectLocalized(skill.title, `skill ${skill.key} title`);
      expectLocalized(skill.description, `skill ${skill.key} description`);
    }
    for (const brief of briefs) {
      expectLocalized(brief.title, `brief ${brief.key} title`);
      expectLocalized(brief.description, `brief ${brief.key} description`);
    }
    for (const resource of resources) {
      expectLocalized(resource.title, `resource ${resource.key} title`);
    }
  });

  it('lists the languages and frameworks the roadmap names', () => {
    expect(Object.fromEntries(languages.map((l) => [l.key, l.frameworks]))).toEqual({
      java: ['Spring Boot'],
      python: ['Django', 'Flask'],
      php: ['Laravel'],
      'javascript-typescript': ['Express', 'Fastify'],
      go: [],
      ruby: ['Ruby on Rails'],
    });
  });
});

describe('builtinSkillByKey', () => {
  it('finds a skill by key and returns undefined for an unknown key', () => {
    expect(builtinSkillByKey('docker')?.title.en).toBe('Containers with Docker');
    expect(builtinSkillByKey('no-such-skill')).toBeUndefined();
  });
});
