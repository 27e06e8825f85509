/** The stored repository analysis of a demo submission: what the GitHub analysis would have found per track. */
import type { AnalysisSignal } from '@masar/shared';
import type { AnalysisSeed, Rng } from './builders';
import { type PlannedSubmission, QUEUED_ANALYSIS_LEARNER } from './demo-data';

const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** A done analysis (or, for one learner, a queued one without a result) of a planned submission. */
export function demoAnalysis(
  p: PlannedSubmission,
  s: { submissionId: string; title: string; submittedAt: Date; githubLogin: string | null },
  random: Rng,
): AnalysisSeed {
  const signals = demoSignals(p.track);
  const queued = p.learner === QUEUED_ANALYSIS_LEARNER;
  return {
    submissionId: s.submissionId,
    status: queued ? 'queued' : 'done',
    headSha: HEAD_SHA,
    etag: 'W/"demo"',
    apiCalls: 6,
    analysedAt: s.submittedAt,
    result: queued
      ? null
      : {
          repo: {
            fullName: p.repo,
            htmlUrl: `https://github.com/${p.repo}`,
            description: `${s.title} — demo repository`,
            defaultBranch: 'main',
            headSha: HEAD_SHA,
            pushedAt: s.submittedAt.toISOString(),
            stars: Math.floor(random() * 12),
            license: 'MIT',
            topics: ['backend', 'portfolio'],
            archived: false,
            fork: false,
          },
          languages: signals.languages,
          primaryLanguage: Object.keys(signals.languages)[0] ?? null,
          track: p.track,
          tree: { fileCount: 40 + Math.floor(random() * 80), truncated: false },
          manifests: [{ path: signals.manifest, status: 'read' }],
          signals: signals.signals,
          suggestedSkills: [...new Set(signals.signals.flatMap((sg) => sg.skillKeys))].sort(),
          authorship: { login: s.githubLogin, authored: 18, total: 20, share: 0.9 },
          notes: [],
        },
  };
}

function demoSignals(track: string): {
  languages: Record<string, number>;
  manifest: string;
  signals: AnalysisSignal[];
} {
  const byTrack: Record<string, { languages: Record<string, number>; manifest: string; framework: string }> = {
    node: {
      languages: { TypeScript: 84_000, JavaScript: 6_000, Dockerfile: 400 },
      manifest: 'package.json',
      framework: 'express',
    },
    python: { languages: { Python: 61_000, HTML: 4_000 }, manifest: 'requirements.txt', framework: 'django' },
    php: { languages: { PHP: 72_000, Blade: 9_000 }, manifest: 'composer.json', framework: 'laravel/framework' },
    java: { languages: { Java: 95_000 }, manifest: 'pom.xml', framework: 'spring-boot' },
    go: { languages: { Go: 48_000, Makefile: 900 }, manifest: 'go.mod', framework: 'gin-gonic/gin' },
  };
  const t = byTrack[track] ?? byTrack.node!;
  const [top, topBytes] = Object.entries(t.languages)[0]!;
  const totalBytes = Object.values(t.languages).reduce((a, b) => a + b, 0);
  return {
    languages: t.languages,
    manifest: t.manifest,
    signals: [
      {
        key: 'language',
        skillKeys: ['backend-language'],
        evidence: [
          { kind: 'language', name: top, percent: Math.round((topBytes / totalBytes) * 100) },
          { kind: 'file', path: t.manifest },
        ],
      },
      {
        key: 'framework',
        skillKeys: ['backend-language', 'first-api'],
        evidence:
          t.manifest === 'pom.xml'
            ? [{ kind: 'mention', manifest: t.manifest, text: t.framework }]
            : [{ kind: 'dependency', manifest: t.manifest, name: t.framework }],
      },
      {
        key: 'tests',
        skillKeys: ['testing'],
        evidence: [
          { kind: 'file', path: 'tests/' },
          { kind: 'more', count: 6 },
        ],
      },
      { key: 'ci', skillKeys: ['ci-cd'], evidence: [{ kind: 'file', path: '.github/workflows/ci.yml' }] },
      { key: 'docker', skillKeys: ['docker'], evidence: [{ kind: 'file', path: 'Dockerfile' }] },
    ],
  };
}
