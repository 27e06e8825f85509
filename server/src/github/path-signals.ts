/** File-tree rules: what paths in a repository (README, deploy files, migrations, tests, CI) suggest. */
import type { EvidenceItem } from '@masar/shared';
import { depth, isVendored } from './manifests';
import {
  evidenceId,
  MAX_PATH_EVIDENCE_PER_KEY,
  type Signal,
  type SignalKey,
  type SignalSkillKey,
} from './signal-types';

// ---------------------------------------------------------------------------------------------
// File-tree rules

const ROOT_README = /^readme(?:\.(?:md|markdown|rst|txt))?$/i;
/** Files that say "this is deployed somewhere", in the order the evidence prefers them. */
const DEPLOY_FILES = [
  'Procfile',
  'fly.toml',
  'render.yaml',
  'vercel.json',
  'app.yaml',
  'railway.json',
  'railway.toml',
  'Dockerfile',
];
const MIGRATION_DIRS_2 = new Set(['db/migrate', 'prisma/migrations', 'database/migrations']);
const MIGRATION_DIRS_1 = new Set(['migrations', 'alembic', 'drizzle']);
/** Files that live in a migrations folder even when it holds no migration. */
const NOT_A_MIGRATION = new Set(['__init__.py', '.gitkeep', '.keep', 'README.md', 'readme.md']);
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec']);
const TEST_FILE_PATTERNS = [/_test\.go$/, /\.(?:test|spec)\.[cm]?[jt]sx?$/, /^test_.+\.py$/, /_test\.py$/];
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|php|java|kt|go|rb|cs|scala|groovy|exs?|rs)$/;
/**
 * Files a project generator writes on its own (Laravel's ExampleTest, Spring Initializr's
 * contextLoads test) and test support files: they do not show that the learner tests.
 */
const NOT_A_TEST = [
  /^ExampleTest\.php$/,
  /^TestCase\.php$/,
  /^CreatesApplication\.php$/,
  /^__init__\.py$/,
  /^conftest\.py$/,
  /^(?:spec|rails|test)_helper\.rb$/,
  /ApplicationTests?\.(?:java|kt)$/,
];

interface PathHit {
  key: SignalKey;
  evidence: EvidenceItem[];
}

const file = (path: string): EvidenceItem[] => [{ kind: 'file', path }];

const PATH_SKILLS: Partial<Record<SignalKey, SignalSkillKey[]>> = {
  'sql-migrations': ['sql-basics', 'databases-advanced'],
  openapi: ['rest-design'],
  tests: ['testing'],
  ci: ['ci-cd'],
  docker: ['docker'],
  kubernetes: ['kubernetes-basics'],
  'docs-deploy': ['git', 'cloud-deploy'],
};

/** Signals from file paths alone (committed dependency folders are skipped). */
export function pathSignals(allPaths: readonly string[]): Signal[] {
  const paths = allPaths.filter((p) => !isVendored(p)).sort(byDepthThenName);
  const hits: PathHit[] = [];
  const testFiles: string[] = [];
  const k8sDirs: string[] = [];

  for (const path of paths) {
    const segments = path.split('/');
    const dirs = segments.slice(0, -1);
    const name = segments[segments.length - 1] ?? '';

    const migrationDir = migrationDirOf(dirs, name);
    if (migrationDir) hits.push({ key: 'sql-migrations', evidence: file(migrationDir) });

    if (/^(?:openapi|swagger)(?:[.-][\w-]+)?\.(?:ya?ml|json)$/i.test(name))
      hits.push({ key: 'openapi', evidence: file(path) });

    if (isTestFile(dirs, name)) testFiles.push(path);

    const ci = ciEvidence(path, dirs, name);
    if (ci) hits.push({ key: 'ci', evidence: file(ci) });

    if (/^dockerfile(?:\.[\w.-]+)?$/i.test(name) || /\.dockerfile$/i.test(name))
      hits.push({ key: 'docker', evidence: file(path) });
    if (/^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/i.test(name)) hits.push({ key: 'docker', evidence: file(path) });

    const k8sIndex = dirs.findIndex((d) => d === 'k8s' || d === 'kubernetes');
    if (k8sIndex >= 0 && /\.ya?ml$/i.test(name)) {
      const dir = `${dirs.slice(0, k8sIndex + 1).join('/')}/`;
      if (!k8sDirs.includes(dir)) k8sDirs.push(dir);
      hits.push({ key: 'kubernetes', evidence: file(dir) });
    } else if (name === 'Chart.yaml' || name === 'kustomization.yaml') {
      hits.push({ key: 'kubernetes', evidence: file(path) });
    } else if (dirs.includes('deploy') && /(?:^|[-_.])(?:deployment|service)s?\.ya?ml$/i.test(name)) {
      hits.push({ key: 'kubernetes', evidence: file(path) });
    }
  }

  if (testFiles.length > 0) {
    const more = testFiles.length - 1;
    hits.push({
      key: 'tests',
      evidence: [
        { kind: 'file', path: testFiles[0] ?? '' },
        ...(more > 0 ? [{ kind: 'more' as const, count: more }] : []),
      ],
    });
  }

  const rootNames = new Set(paths.filter((p) => depth(p) === 0));
  const readme = [...rootNames].find((n) => ROOT_README.test(n));
  const deploy = DEPLOY_FILES.find((f) => rootNames.has(f));
  if (readme && deploy) hits.push({ key: 'docs-deploy', evidence: [...file(readme), ...file(deploy)] });

  const perKey = new Map<SignalKey, EvidenceItem[][]>();
  for (const hit of hits) {
    const list = perKey.get(hit.key) ?? [];
    const id = evidenceId(hit.evidence);
    if (!list.some((e) => evidenceId(e) === id) && list.length < MAX_PATH_EVIDENCE_PER_KEY) list.push(hit.evidence);
    perKey.set(hit.key, list);
  }
  const out: Signal[] = [];
  for (const [key, evidences] of perKey) {
    for (const evidence of evidences) out.push({ key, skillKeys: PATH_SKILLS[key] ?? [], evidence });
  }
  return out;
}

function byDepthThenName(a: string, b: string): number {
  return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function migrationDirOf(dirs: string[], name: string): string | null {
  if (NOT_A_MIGRATION.has(name)) return null;
  for (let i = 0; i < dirs.length; i++) {
    const pair = `${dirs[i]}/${dirs[i + 1] ?? ''}`;
    if (MIGRATION_DIRS_2.has(pair)) return `${dirs.slice(0, i + 2).join('/')}/`;
    const dir = dirs[i] ?? '';
    if (MIGRATION_DIRS_1.has(dir)) {
      // drizzle-kit's output folder holds .sql files; a `drizzle/` folder with config only is not one.
      if (dir === 'drizzle' && !/\.sql$/i.test(name)) return null;
      return `${dirs.slice(0, i + 1).join('/')}/`;
    }
  }
  return null;
}

function isTestFile(dirs: string[], name: string): boolean {
  if (NOT_A_TEST.some((p) => p.test(name))) return false;
  if (TEST_FILE_PATTERNS.some((p) => p.test(name))) return true;
  return dirs.some((d) => TEST_DIRS.has(d)) && CODE_FILE.test(name);
}

function ciEvidence(path: string, dirs: string[], name: string): string | null {
  if (dirs.length === 2 && dirs[0] === '.github' && dirs[1] === 'workflows' && /\.ya?ml$/i.test(name)) return path;
  if (
    dirs.length === 0 &&
    ['.gitlab-ci.yml', 'Jenkinsfile', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.travis.yml'].includes(name)
  ) {
    return path;
  }
  if (dirs[0] === '.circleci') return '.circleci/';
  return null;
}
