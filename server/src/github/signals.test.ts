import { type EvidenceItem, EvidenceItemSchema } from '@masar/shared';
import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifests';
import { chooseTrack, deriveSignals, pathSignals, rankManifests, type Signal } from './signals';

const manifest = (path: string, text: string) => {
  const m = parseManifest(path, text);
  if (!m) throw new Error(`unreadable ${path}`);
  return m;
};
/**
 * A compact notation of structured evidence for these tables (the web app words it): a file as its
 * path, `Java 100%`, `pom.xml → dep` (a dependency), `pom.xml ∋ text` (a mention), `+N`, `no-stats`.
 */
function show(items: readonly EvidenceItem[]): string {
  for (const item of items) expect(EvidenceItemSchema.parse(item)).toEqual(item);
  return items
    .map((item) => {
      switch (item.kind) {
        case 'file':
          return item.path;
        case 'language':
          return `${item.name} ${item.percent}%`;
        case 'dependency':
          return `${item.manifest} → ${item.name}${item.note ? ` [${item.note}]` : ''}`;
        case 'mention':
          return `${item.manifest} ∋ ${item.text}`;
        case 'more':
          return `+${item.count}`;
        default:
          return 'no-stats';
      }
    })
    .join(' | ');
}
const line = (s: Signal) => `${s.key} ${show(s.evidence)}`;
const evidence = (paths: string[]) => pathSignals(paths).map(line);

describe('manifest parsing', () => {
  it('pom.xml: artifactIds of dependencies and parent, comments ignored', () => {
    const pom = manifest(
      'pom.xml',
      `<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent>
       <dependencies>
         <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency>
         <!-- <dependency><artifactId>spring-kafka</artifactId></dependency> -->
         <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency>
       </dependencies></project>`,
    );
    expect(pom.deps).toEqual([
      'spring-boot-starter-parent',
      'spring-boot-starter-data-jpa',
      'spring-boot-starter-security',
    ]);
    const { signals } = deriveSignals({ languages: { Java: 100 }, paths: ['pom.xml'], manifests: [pom] });
    expect(signals.map(line)).toEqual([
      'language Java 100% | pom.xml',
      'framework pom.xml ∋ spring-boot',
      'orm pom.xml → spring-boot-starter-data-jpa',
      'auth pom.xml → spring-boot-starter-security',
    ]);
    expect(signals[0]?.evidence).toEqual([
      { kind: 'language', name: 'Java', percent: 100 },
      { kind: 'file', path: 'pom.xml' },
    ]);
    expect(signals[1]?.evidence).toEqual([{ kind: 'mention', manifest: 'pom.xml', text: 'spring-boot' }]);
  });

  it('build.gradle(.kts): artifact of group:artifact:version strings', () => {
    const g = manifest(
      'build.gradle.kts',
      `plugins { id("org.springframework.boot") version "3.3.0" }
       dependencies { implementation("org.springframework.boot:spring-boot-starter-web")
         implementation 'org.springframework.kafka:spring-kafka:3.2.0' }`,
    );
    expect(g.deps).toEqual(['spring-boot-starter-web', 'spring-kafka']);
  });

  it('go.mod: direct requirements only, major-version suffixes matched', () => {
    const mod = manifest(
      'go.mod',
      'module x\n\ngo 1.22\n\nrequire github.com/labstack/echo/v4 v4.12.0\n\nrequire (\n\tgorm.io/gorm v1.25.0\n\tgithub.com/IBM/sarama v1.43.0\n\tgithub.com/lib/pq v1.10.9 // indirect\n)\n',
    );
    expect(mod.deps).toEqual(['github.com/labstack/echo/v4', 'gorm.io/gorm', 'github.com/IBM/sarama']);
    const { signals } = deriveSignals({ languages: { Go: 10 }, paths: ['go.mod'], manifests: [mod] });
    expect(signals.map((s) => show(s.evidence))).toEqual([
      'Go 100% | go.mod',
      'go.mod → github.com/labstack/echo/v4',
      'go.mod → gorm.io/gorm',
      'go.mod → github.com/IBM/sarama',
    ]);
  });

  it('Gemfile, requirements.txt and pyproject.toml (PEP 621 and Poetry)', () => {
    expect(
      manifest('Gemfile', "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem \"devise\"\n  gem 'sidekiq'\n")
        .deps,
    ).toEqual(['rails', 'devise', 'sidekiq']);
    expect(
      manifest(
        'requirements.txt',
        '-e .\nFlask_SQLAlchemy>=3 # orm\nhttps://x/y.whl\nFlask[async]==3.0\n\n--hash=sha256:x\n',
      ).deps,
    ).toEqual(['flask-sqlalchemy', 'flask']);
    const pep621 = manifest(
      'pyproject.toml',
      '[project]\nname = "x"\ndependencies = [\n  "fastapi>=0.110",\n  "SQLAlchemy[asyncio]~=2.0",\n]\n[project.optional-dependencies]\ndev = ["pytest"]\n[tool.ruff]\nline-length = 100\n',
    );
    expect(pep621.deps).toEqual(['fastapi', 'sqlalchemy', 'pytest']);
    const poetry = manifest(
      'pyproject.toml',
      '[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.0"\ndjango-allauth = { version = "^0.61" }\n[tool.poetry.group.dev.dependencies]\npytest = "*"\n',
    );
    expect(poetry.deps).toEqual(['django', 'django-allauth', 'pytest']);
  });

  it('an invalid package.json is unreadable', () => {
    expect(parseManifest('package.json', '{ "dependencies": ')).toBeNull();
    expect(parseManifest('package.json', '[1, 2]')).toBeNull();
  });
});

describe('dependency rules where the table left a choice', () => {
  const npm = (deps: Record<string, string>) =>
    deriveSignals({
      languages: {},
      paths: [],
      manifests: [manifest('package.json', JSON.stringify({ dependencies: deps }))],
    }).signals.filter((s) => s.key !== 'language');

  it('password hashing alone is not authentication; mongoose is not SQL', () => {
    expect(npm({ bcrypt: '5', argon2: '0.4', mongoose: '8' })).toEqual([]);
  });

  it('socket.io and ws suggest message-queues (the real-time signal); @opentelemetry/* suggests observability and logging', () => {
    const dep = (name: string) => [{ kind: 'dependency', manifest: 'package.json', name }];
    expect(npm({ 'socket.io': '4', '@opentelemetry/api': '1', winston: '3' })).toEqual([
      { key: 'realtime', skillKeys: ['message-queues'], evidence: dep('socket.io') },
      { key: 'observability', skillKeys: ['observability', 'logging'], evidence: dep('@opentelemetry/api') },
      { key: 'observability', skillKeys: ['observability', 'logging'], evidence: dep('winston') },
    ]);
  });

  it('a raw SQL driver suggests sql-basics only', () => {
    expect(npm({ pg: '8' })).toEqual([
      {
        key: 'sql-driver',
        skillKeys: ['sql-basics'],
        evidence: [{ kind: 'dependency', manifest: 'package.json', name: 'pg' }],
      },
    ]);
  });

  it('laravel/framework is a framework and, for the Eloquent it ships, an ORM (a note, not words)', () => {
    const { signals } = deriveSignals({
      languages: {},
      paths: ['composer.json'],
      manifests: [manifest('composer.json', JSON.stringify({ require: { 'laravel/framework': '^11.0' } }))],
    });
    expect(signals.map(line)).toEqual([
      'language composer.json | no-stats',
      'framework composer.json → laravel/framework',
      'orm composer.json → laravel/framework [eloquent]',
    ]);
    expect(signals[0]?.evidence).toEqual([{ kind: 'file', path: 'composer.json' }, { kind: 'noLanguageStats' }]);
    expect(signals[2]?.evidence).toEqual([
      { kind: 'dependency', manifest: 'composer.json', name: 'laravel/framework', note: 'eloquent' },
    ]);
  });
});

describe('file-tree rules', () => {
  it('kubernetes: k8s/ folders, Helm charts, deploy/*deployment.yaml', () => {
    expect(
      evidence([
        'k8s/base/deployment.yaml',
        'k8s/base/service.yaml',
        'charts/api/Chart.yaml',
        'deploy/prod/api-deployment.yaml',
        'deploy/notes.md',
      ]),
    ).toEqual(['kubernetes charts/api/Chart.yaml', 'kubernetes deploy/prod/api-deployment.yaml', 'kubernetes k8s/']);
  });

  it('tests: test files and test folders, not generated placeholders or support files', () => {
    expect(evidence(['pkg/user_test.go'])).toEqual(['tests pkg/user_test.go']);
    expect(evidence(['src/app.spec.ts', 'src/__tests__/x.js'])).toEqual(['tests src/app.spec.ts | +1']);
    expect(pathSignals(['a.test.ts', 'b.test.ts', 'c.test.ts'])[0]?.evidence).toEqual([
      { kind: 'file', path: 'a.test.ts' },
      { kind: 'more', count: 2 },
    ]);
    expect(evidence(['test_api.py'])).toEqual(['tests test_api.py']);
    expect(
      evidence(['src/test/java/com/x/DemoApplicationTests.java', 'tests/TestCase.php', 'tests/__init__.py']),
    ).toEqual([]);
    expect(evidence(['src/test/java/com/x/OrderServiceTest.java'])).toEqual([
      'tests src/test/java/com/x/OrderServiceTest.java',
    ]);
    expect(evidence(['spec/models/user_spec.rb', 'spec/rails_helper.rb'])).toEqual(['tests spec/models/user_spec.rb']);
  });

  it('migrations: the most specific folder; drizzle/ only with .sql; empty Django migrations do not count', () => {
    expect(
      evidence(['db/migrate/20240101_create_users.rb', 'drizzle/0000_init.sql', 'alembic/versions/1_init.py']),
    ).toEqual(['sql-migrations drizzle/', 'sql-migrations alembic/', 'sql-migrations db/migrate/']);
    expect(evidence(['drizzle/config.ts', 'app/migrations/__init__.py'])).toEqual([]);
  });

  it('CI, Docker, OpenAPI, README + deploy file; committed dependency folders ignored', () => {
    expect(
      evidence([
        'README.md',
        'fly.toml',
        'Jenkinsfile',
        '.circleci/config.yml',
        'docker/api.Dockerfile',
        'compose.yaml',
        'docs/api/swagger.json',
        'vendor/acme/lib/Dockerfile',
        'node_modules/x/.github/workflows/ci.yml',
      ]),
    ).toEqual([
      'ci Jenkinsfile',
      'ci .circleci/',
      'docker compose.yaml',
      'docker docker/api.Dockerfile',
      'openapi docs/api/swagger.json',
      'docs-deploy README.md | fly.toml',
    ]);
    // a README alone, or a deploy file alone, is not the signal
    expect(evidence(['README.md'])).toEqual([]);
    expect(evidence(['Procfile'])).toEqual([]);
  });

  it('caps path evidence at 5 per key', () => {
    const many = Array.from({ length: 9 }, (_, i) => `svc${i}/Dockerfile`);
    expect(pathSignals(many)).toHaveLength(5);
  });
});

describe('track and manifest ranking', () => {
  it('the biggest track with a manifest; a track under 10% of the bytes does not count', () => {
    expect(chooseTrack({ Python: 900, JavaScript: 100 }, ['requirements.txt', 'package.json'], []).track).toBe(
      'python',
    );
    expect(chooseTrack({ HTML: 950, JavaScript: 50 }, ['package.json'], [])).toEqual({ track: null, signal: null });
    // a language without its manifest: the track, but no backend-language signal
    expect(chooseTrack({ Go: 100 }, ['main.go'], [])).toEqual({ track: 'go', signal: null });
  });

  it('root manifests first, the repository’s own track next, then the brief’s order; vendored ones never', () => {
    const ranked = rankManifests(
      [
        { path: 'package.json' },
        { path: 'composer.json' },
        { path: 'api/go.mod' },
        { path: 'requirements.txt' },
        { path: 'vendor/x/composer.json' },
      ],
      'php',
    ).map((r) => r.path);
    expect(ranked).toEqual(['composer.json', 'package.json', 'requirements.txt', 'api/go.mod']);
  });
});
