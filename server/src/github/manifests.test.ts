import { describe, expect, it } from 'vitest';
import { MANIFEST_MAX_BYTES, parseManifest } from './manifests';
import { deriveSignals } from './signals';

const deps = (path: string, text: string) => parseManifest(path, text)?.deps ?? null;

describe('pyproject.toml (smol-toml)', () => {
  it('PEP 621: project dependencies, optional dependencies and PEP 735 groups, PEP 503 names', () => {
    const text = `# A FastAPI service
[build-system]
requires = ["hatchling>=1.24"]
build-backend = "hatchling.build"

[project]
name = "orders-api"
version = "0.3.0"
requires-python = ">=3.11"
dependencies = [
    "fastapi[standard]>=0.110,<1",   # the web framework
    "SQLAlchemy[asyncio] ~= 2.0",
    'asyncpg>=0.29 ; python_version >= "3.11"',
    "Redis==5.*",
]

[project.optional-dependencies]
observability = ["prometheus_client>=0.20", "structlog"]

[dependency-groups]
test = ["pytest>=8", "pytest-asyncio"]
dev = [{ include-group = "test" }, "ruff"]

[tool.ruff]
line-length = 100
`;
    expect(deps('pyproject.toml', text)).toEqual([
      'fastapi',
      'sqlalchemy',
      'asyncpg',
      'redis',
      'prometheus-client',
      'structlog',
      'pytest',
      'pytest-asyncio',
      'ruff',
    ]);
    // the build backend (hatchling) is not a dependency of the project
    expect(deps('pyproject.toml', text)).not.toContain('hatchling');
  });

  it('Poetry: keys of the main, dev and group dependency tables, without python', () => {
    const text = `[tool.poetry]
name = "library"
version = "1.0.0"
packages = [{ include = "library" }]

[tool.poetry.dependencies]
python = "^3.12"
Django = "^5.0"
djangorestframework_simplejwt = { version = "^5.3", optional = true }
"celery" = { extras = ["redis"], version = "^5.4" }

[tool.poetry.dev-dependencies]
black = "*"

[tool.poetry.group.test.dependencies]
pytest-django = "^4.8"

[tool.poetry.group.docs]
optional = true

[tool.poetry.group.docs.dependencies]
mkdocs = "^1.6"
`;
    expect(deps('pyproject.toml', text)).toEqual([
      'django',
      'djangorestframework-simplejwt',
      'celery',
      'black',
      'pytest-django',
      'mkdocs',
    ]);
  });

  it('a pyproject.toml with the wrong shapes (a string where a list belongs) is read with no dependencies', () => {
    expect(deps('pyproject.toml', '[project]\nname = "x"\ndependencies = "flask"\n[tool]\npoetry = 1\n')).toEqual([]);
  });

  it('malformed TOML is unreadable (null), not an exception and not a half-read list', () => {
    // unterminated array, duplicate key, a key without a value
    expect(parseManifest('pyproject.toml', '[project]\ndependencies = [\n  "flask",\n')).toBeNull();
    expect(parseManifest('pyproject.toml', '[project]\nname = "a"\nname = "b"\n')).toBeNull();
    expect(parseManifest('pyproject.toml', '[tool.poetry.dependencies]\ndjango =\n')).toBeNull();
  });
});

describe('pom.xml (fast-xml-parser)', () => {
  const pom = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.0</version>
    <relativePath/> <!-- lookup parent from repository -->
  </parent>
  <groupId>com.example</groupId>
  <artifactId>library</artifactId>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-data-jpa</artifactId>
    </dependency>
    <!--
    <dependency>
      <groupId>org.springframework.kafka</groupId>
      <artifactId>spring-kafka</artifactId>
    </dependency>
    -->
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>
        postgresql
      </artifactId>
      <scope>runtime</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
`;

  it('artifactIds of parent, dependencies and plugins in document order; the project’s own and commented ones are not', () => {
    expect(deps('pom.xml', pom)).toEqual([
      'spring-boot-starter-parent',
      'spring-boot-starter-data-jpa',
      'postgresql',
      'spring-boot-maven-plugin',
    ]);
  });

  it('prefixed namespaces and dependency management count; the groupId is not taken for the name', () => {
    const prefixed = `<pom:project xmlns:pom="http://maven.apache.org/POM/4.0.0">
  <pom:dependencyManagement><pom:dependencies>
    <pom:dependency><pom:groupId>io.jsonwebtoken</pom:groupId><pom:artifactId>jjwt-api</pom:artifactId></pom:dependency>
  </pom:dependencies></pom:dependencyManagement>
  <pom:profiles><pom:profile><pom:dependencies>
    <pom:dependency><pom:artifactId><![CDATA[jedis]]></pom:artifactId><pom:groupId>redis.clients</pom:groupId></pom:dependency>
  </pom:dependencies></pom:profile></pom:profiles>
</pom:project>`;
    expect(deps('pom.xml', prefixed)).toEqual(['jjwt-api', 'jedis']);
  });

  it('the parsed names feed the dependency rules (sql-driver from postgresql, orm from JPA)', () => {
    const parsed = parseManifest('pom.xml', pom);
    if (!parsed) throw new Error('pom.xml unreadable');
    const { signals } = deriveSignals({ languages: { Java: 100 }, paths: ['pom.xml'], manifests: [parsed] });
    expect(signals.map((s) => s.key)).toEqual(['language', 'framework', 'orm', 'sql-driver']);
  });

  it('entities are not expanded: a DOCTYPE entity stays the literal &dep; and never becomes spring-kafka', () => {
    const withEntity = `<?xml version="1.0"?>
<!DOCTYPE project [ <!ENTITY dep "spring-kafka"> ]>
<project><dependencies><dependency><artifactId>&dep;</artifactId></dependency></dependencies></project>`;
    expect(deps('pom.xml', withEntity)).toEqual(['&dep;']);
  });

  it('malformed XML is unreadable (null), not an exception', () => {
    // a tag closed by the wrong name, an unclosed root, text that is not XML at all
    expect(parseManifest('pom.xml', '<project><dependency><artifactId>x</dependency></project>')).toBeNull();
    expect(parseManifest('pom.xml', '<project><dependencies>')).toBeNull();
    expect(parseManifest('pom.xml', 'not xml at all')).toBeNull();
  });
});

describe('the byte cap', () => {
  it('a manifest over MANIFEST_MAX_BYTES is not parsed; one at the cap is', () => {
    const head = '[project]\ndependencies = ["flask"]\n';
    const atCap = head + '#'.repeat(MANIFEST_MAX_BYTES - head.length);
    expect(Buffer.byteLength(atCap)).toBe(MANIFEST_MAX_BYTES);
    expect(deps('pyproject.toml', atCap)).toEqual(['flask']);
    expect(parseManifest('pyproject.toml', `${atCap}#`)).toBeNull();
  });

  it('the cap counts UTF-8 bytes, and a caller’s smaller cap wins', () => {
    const pom =
      '<project><dependencies><dependency><artifactId>jjwt</artifactId></dependency></dependencies></project>';
    // 4 characters, 8 bytes of Arabic in a comment
    const withArabic = `${pom}<!--مسار-->`;
    const bytes = Buffer.byteLength(withArabic);
    expect(bytes).toBe(withArabic.length + 4);
    expect(parseManifest('pom.xml', withArabic, bytes)?.deps).toEqual(['jjwt']);
    expect(parseManifest('pom.xml', withArabic, bytes - 1)).toBeNull();
  });
});
