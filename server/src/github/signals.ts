import type { EvidenceItem } from '@masar/shared';
import {
  baseName,
  depth,
  type Ecosystem,
  isVendored,
  MANIFEST_FILES,
  type ParsedManifest,
  TRACK_MARKERS,
  type Track,
} from './manifests';

/**
 * Signals: facts about a repository that *suggest* roadmap skills to the reviewing mentor
 * (never a verification). The rules are the table "What a repository can show" of the built-in
 * roadmap; where it left a choice, the choice is written beside the rule.
 */

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

// ---------------------------------------------------------------------------------------------
// Languages and track

export const TRACK_LANGUAGES: Readonly<Record<Track, readonly string[]>> = {
  node: ['TypeScript', 'JavaScript'],
  python: ['Python'],
  php: ['PHP', 'Blade', 'Hack'],
  java: ['Java', 'Kotlin', 'Groovy', 'Scala'],
  go: ['Go'],
  ruby: ['Ruby'],
};
const TRACKS = Object.keys(TRACK_LANGUAGES) as Track[];

export function primaryLanguageOf(languages: Record<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const [name, bytes] of Object.entries(languages)) {
    if (bytes <= 0) continue;
    if (!best || bytes > best[1] || (bytes === best[1] && name < best[0])) best = [name, bytes];
  }
  return best?.[0] ?? null;
}

export interface TrackChoice {
  track: Track | null;
  /** The backend-language signal, when a track's languages and one of its manifests are both present. */
  signal: Signal | null;
}

/**
 * The learner's track: among tracks whose languages hold at least 10 % of the bytes, the biggest
 * one that also has a manifest in the tree (package.json, composer.json, …); failing that the
 * biggest one (a track, but no backend-language signal: a manifest is part of the evidence).
 * With no language statistics yet (GitHub computes them lazily) a read manifest decides.
 */
export function chooseTrack(
  languages: Record<string, number>,
  paths: readonly string[],
  readManifests: readonly ParsedManifest[],
): TrackChoice {
  const names = new Set(paths.filter((p) => !isVendored(p)).map(baseName));
  const markerOf = (track: Track) => TRACK_MARKERS[track].find((m) => names.has(m)) ?? null;
  const total = Object.values(languages).reduce((a, b) => a + Math.max(0, b), 0);

  if (total === 0) {
    const first = readManifests[0];
    if (!first) return { track: null, signal: null };
    return {
      track: first.track,
      signal: {
        key: 'language',
        skillKeys: ['backend-language'],
        evidence: [{ kind: 'file', path: first.path }, { kind: 'noLanguageStats' }],
      },
    };
  }

  const ranked = TRACKS.map((track) => {
    const langs = TRACK_LANGUAGES[track].map((l) => [l, languages[l] ?? 0] as const).filter(([, b]) => b > 0);
    const bytes = langs.reduce((a, [, b]) => a + b, 0);
    const top = [...langs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? null;
    return { track, bytes, top, marker: markerOf(track) };
  })
    .filter((t) => t.bytes > 0 && t.bytes / total >= MIN_TRACK_SHARE)
    .sort((a, b) => b.bytes - a.bytes || a.track.localeCompare(b.track));

  const withManifest = ranked.find((t) => t.marker !== null);
  if (withManifest?.top && withManifest.marker) {
    const [lang, bytes] = withManifest.top;
    return {
      track: withManifest.track,
      signal: {
        key: 'language',
        skillKeys: ['backend-language'],
        evidence: [
          { kind: 'language', name: lang, percent: Math.round((bytes / total) * 100) },
          { kind: 'file', path: withManifest.marker },
        ],
      },
    };
  }
  return { track: ranked[0]?.track ?? null, signal: null };
}

// ---------------------------------------------------------------------------------------------
// Dependency rules

/** A dependency name, a pattern, or a name with a note for the evidence (what it ships: Eloquent). */
type Matcher = string | RegExp | { name: string; note: 'eloquent' };

interface DependencyRule {
  key: SignalKey;
  skillKeys: SignalSkillKey[];
  deps: Partial<Record<Ecosystem, Matcher[]>>;
  /** A plain-text pattern in the manifest instead of a dependency name (spring-boot in pom.xml). */
  text?: Partial<Record<Ecosystem, { pattern: RegExp; label: string }>>;
}

const DEPENDENCY_RULES: readonly DependencyRule[] = [
  {
    key: 'framework',
    skillKeys: ['backend-language', 'first-api'],
    deps: {
      npm: ['express', 'fastify', '@nestjs/core', 'koa', '@hapi/hapi', 'hono'],
      pypi: ['django', 'djangorestframework', 'flask', 'fastapi'],
      composer: ['laravel/framework', 'symfony/framework-bundle', 'slim/slim'],
      go: ['github.com/gin-gonic/gin', 'github.com/labstack/echo', 'github.com/gofiber/fiber', 'github.com/go-chi/chi'],
      gem: ['rails', 'sinatra'],
    },
    // Spring Boot arrives as a parent POM, a plugin or starters: any mention is the signal.
    text: { maven: { pattern: /spring-boot/, label: 'spring-boot' } },
  },
  {
    key: 'orm',
    skillKeys: ['sql-basics', 'databases-advanced'],
    // Not mongoose or other document stores: the suggested skills are about SQL.
    deps: {
      npm: [
        'prisma',
        '@prisma/client',
        'drizzle-orm',
        'typeorm',
        'sequelize',
        'knex',
        'kysely',
        '@mikro-orm/core',
        'objection',
      ],
      pypi: ['sqlalchemy', 'flask-sqlalchemy', 'sqlmodel', 'alembic', 'peewee', 'tortoise-orm'],
      // Laravel ships Eloquent: the brief counts laravel/framework as an ORM dependency.
      composer: [{ name: 'laravel/framework', note: 'eloquent' }, 'doctrine/orm', 'illuminate/database'],
      maven: ['spring-boot-starter-data-jpa', 'hibernate-core', 'jakarta.persistence-api', 'mybatis', 'jooq'],
      go: ['gorm.io/gorm', 'github.com/jinzhu/gorm', 'entgo.io/ent', 'github.com/uptrace/bun'],
      gem: ['activerecord', 'sequel'],
    },
  },
  {
    // Our addition: a raw SQL driver means SQL written by hand (sql-basics), not yet the
    // advanced database work an ORM plus migrations suggests.
    key: 'sql-driver',
    skillKeys: ['sql-basics'],
    deps: {
      npm: ['pg', 'postgres', 'mysql2', 'mysql', 'better-sqlite3', 'sqlite3', '@neondatabase/serverless'],
      pypi: ['psycopg', 'psycopg2', 'psycopg2-binary', 'asyncpg', 'mysqlclient', 'pymysql'],
      maven: ['postgresql', 'mysql-connector-j', 'mysql-connector-java'],
      go: ['github.com/lib/pq', 'github.com/jackc/pgx', 'github.com/go-sql-driver/mysql', 'github.com/jmoiron/sqlx'],
      gem: ['pg', 'mysql2', 'sqlite3'],
    },
  },
  {
    // Password hashing (bcrypt, argon2) alone is not counted: it appears in seed scripts and
    // tutorials without any sign-in flow. A session/token/OAuth library is the signal.
    key: 'auth',
    skillKeys: ['authentication'],
    deps: {
      npm: [
        'passport',
        'jsonwebtoken',
        'jose',
        'express-jwt',
        '@nestjs/passport',
        '@nestjs/jwt',
        '@fastify/jwt',
        'lucia',
        '@auth/core',
        'next-auth',
        'better-auth',
        'express-session',
        '@fastify/session',
      ],
      pypi: [
        'djangorestframework-simplejwt',
        'django-allauth',
        'dj-rest-auth',
        'flask-login',
        'flask-jwt-extended',
        'fastapi-users',
        'pyjwt',
        'python-jose',
        'authlib',
      ],
      composer: [
        'laravel/sanctum',
        'laravel/passport',
        'laravel/fortify',
        'laravel/breeze',
        'tymon/jwt-auth',
        'firebase/php-jwt',
      ],
      maven: ['spring-boot-starter-security', 'spring-boot-starter-oauth2-resource-server', 'jjwt', 'jjwt-api'],
      go: ['github.com/golang-jwt/jwt', 'github.com/dgrijalva/jwt-go', 'github.com/markbates/goth'],
      gem: ['devise', 'jwt', 'omniauth'],
    },
  },
  {
    key: 'openapi',
    skillKeys: ['rest-design'],
    deps: {
      npm: ['swagger-ui-express', '@nestjs/swagger', '@fastify/swagger', 'swagger-jsdoc'],
      pypi: ['drf-spectacular', 'drf-yasg', 'flasgger'],
      composer: ['darkaonline/l5-swagger', 'zircote/swagger-php'],
      maven: [/^springdoc-openapi/, /^springfox/],
      go: ['github.com/swaggo/swag'],
      gem: ['rswag', 'rswag-api'],
    },
  },
  {
    key: 'cache',
    skillKeys: ['caching'],
    deps: {
      npm: ['redis', 'ioredis', '@redis/client', 'memjs', 'memcached', '@keyv/redis'],
      pypi: ['redis', 'django-redis', 'pymemcache', 'python-memcached'],
      composer: ['predis/predis', 'ext-redis', 'ext-memcached'],
      maven: ['spring-boot-starter-data-redis', 'jedis', 'lettuce-core', 'spring-boot-starter-cache'],
      go: ['github.com/redis/go-redis', 'github.com/go-redis/redis', 'github.com/bradfitz/gomemcache'],
      gem: ['redis', 'dalli'],
    },
  },
  {
    key: 'queue',
    skillKeys: ['message-queues'],
    deps: {
      npm: ['amqplib', 'kafkajs', 'bullmq', 'bull', 'bee-queue', '@nestjs/bullmq', '@nestjs/bull'],
      pypi: ['celery', 'pika', 'kafka-python', 'confluent-kafka', 'rq', 'dramatiq', 'aio-pika'],
      composer: ['php-amqplib/php-amqplib', 'laravel/horizon', 'enqueue/enqueue'],
      maven: ['spring-boot-starter-amqp', 'spring-kafka', 'kafka-clients', 'amqp-client'],
      go: [
        'github.com/rabbitmq/amqp091-go',
        'github.com/streadway/amqp',
        'github.com/segmentio/kafka-go',
        'github.com/ibm/sarama',
        'github.com/shopify/sarama',
        'github.com/hibiken/asynq',
      ],
      gem: ['sidekiq', 'resque', 'bunny', 'good_job', 'solid_queue'],
    },
  },
  {
    key: 'realtime',
    skillKeys: ['message-queues'],
    deps: {
      npm: ['socket.io', 'ws', '@nestjs/websockets', '@fastify/websocket'],
      pypi: ['channels', 'python-socketio', 'websockets'],
      composer: ['beyondcode/laravel-websockets', 'laravel/reverb', 'pusher/pusher-php-server'],
      maven: ['spring-boot-starter-websocket'],
      go: ['github.com/gorilla/websocket', 'nhooyr.io/websocket', 'github.com/coder/websocket'],
      gem: ['actioncable', 'anycable'],
    },
  },
  {
    // The brief's rule: metrics, tracing and structured loggers all suggest both skills.
    key: 'observability',
    skillKeys: ['observability', 'logging'],
    deps: {
      npm: ['prom-client', /^@opentelemetry\//, 'pino', 'pino-http', 'nestjs-pino', 'winston'],
      pypi: ['prometheus-client', /^opentelemetry-/, 'structlog', 'python-json-logger'],
      composer: ['promphp/prometheus_client_php', /^open-telemetry\//],
      maven: ['micrometer-registry-prometheus', /^opentelemetry-/, 'logstash-logback-encoder'],
      go: [
        'github.com/prometheus/client_golang',
        'go.opentelemetry.io/otel',
        'go.uber.org/zap',
        'github.com/rs/zerolog',
      ],
      gem: ['prometheus-client', /^opentelemetry-/, 'lograge', 'semantic_logger'],
    },
  },
];

function matches(matcher: Matcher, ecosystem: Ecosystem, dep: string): 'eloquent' | null | undefined {
  // Go module paths carry a major-version suffix (…/echo/v4) and are compared case-insensitively.
  const name = dep.toLowerCase();
  if (typeof matcher === 'string' || !(matcher instanceof RegExp)) {
    const wanted = typeof matcher === 'string' ? matcher : matcher.name;
    const note = typeof matcher === 'string' ? null : matcher.note;
    const hit = ecosystem === 'go' ? name === wanted || name.startsWith(`${wanted}/`) : name === wanted;
    return hit ? note : undefined;
  }
  return matcher.test(name) ? null : undefined;
}

export function dependencySignals(manifests: readonly ParsedManifest[]): Signal[] {
  const out: Signal[] = [];
  for (const rule of DEPENDENCY_RULES) {
    for (const manifest of manifests) {
      const text = rule.text?.[manifest.ecosystem];
      if (text?.pattern.test(manifest.text)) {
        out.push({
          key: rule.key,
          skillKeys: rule.skillKeys,
          evidence: [{ kind: 'mention', manifest: manifest.path, text: text.label }],
        });
      }
      const matchers = rule.deps[manifest.ecosystem] ?? [];
      for (const dep of manifest.deps) {
        for (const matcher of matchers) {
          const note = matches(matcher, manifest.ecosystem, dep);
          if (note === undefined) continue;
          out.push({
            key: rule.key,
            skillKeys: rule.skillKeys,
            evidence: [{ kind: 'dependency', manifest: manifest.path, name: dep, ...(note ? { note } : {}) }],
          });
          break;
        }
      }
    }
  }
  return out;
}

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

// ---------------------------------------------------------------------------------------------

/** A stable identity of an evidence (items are built with their keys in a fixed order). */
function evidenceId(evidence: readonly EvidenceItem[]): string {
  return JSON.stringify(evidence);
}

/** One entry per distinct key + evidence, in rule order. */
export function dedupeSignals(signals: readonly Signal[]): Signal[] {
  const seen = new Set<string>();
  const out: Signal[] = [];
  for (const s of signals) {
    const id = `${s.key}\u0000${evidenceId(s.evidence)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(s);
  }
  return out;
}

export function suggestedSkillsOf(signals: readonly Signal[]): SignalSkillKey[] {
  return [...new Set(signals.flatMap((s) => s.skillKeys))].sort();
}

export interface DeriveInput {
  languages: Record<string, number>;
  /** Paths of the files (blobs) in the tree. */
  paths: readonly string[];
  /** Manifests that were read and parsed. */
  manifests: readonly ParsedManifest[];
}

export function deriveSignals(input: DeriveInput): {
  primaryLanguage: string | null;
  track: Track | null;
  signals: Signal[];
  suggestedSkills: SignalSkillKey[];
} {
  const { track, signal } = chooseTrack(input.languages, input.paths, input.manifests);
  const signals = dedupeSignals([
    ...(signal ? [signal] : []),
    ...dependencySignals(input.manifests),
    ...pathSignals(input.paths),
  ]);
  return {
    primaryLanguage: primaryLanguageOf(input.languages),
    track,
    signals,
    suggestedSkills: suggestedSkillsOf(signals),
  };
}

/** The manifests to read, best first: root-level first, then the repository's own track's, then the brief's order. */
export function rankManifests(
  entries: readonly { path: string }[],
  preferredTrack: Track | null,
): { path: string; index: number }[] {
  return entries
    .map((e) => ({ path: e.path, index: MANIFEST_FILES.findIndex((m) => m.name === baseName(e.path)) }))
    .filter((e) => e.index >= 0 && !isVendored(e.path))
    .sort((a, b) => {
      const rootA = depth(a.path) === 0 ? 0 : 1;
      const rootB = depth(b.path) === 0 ? 0 : 1;
      if (rootA !== rootB) return rootA - rootB;
      const ownA = MANIFEST_FILES[a.index]?.track === preferredTrack ? 0 : 1;
      const ownB = MANIFEST_FILES[b.index]?.track === preferredTrack ? 0 : 1;
      if (ownA !== ownB) return ownA - ownB;
      return a.index - b.index || depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : 1);
    });
}
