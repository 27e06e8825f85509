import type { Ecosystem, ParsedManifest } from './manifests';
import type { Signal, SignalKey, SignalSkillKey } from './signal-types';

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
