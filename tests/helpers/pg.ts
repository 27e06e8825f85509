import postgres from 'postgres';

/** The PostgreSQL server the integration tests use instead of PGlite, when set. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export function templateName(): string {
  const base = new URL(TEST_DATABASE_URL!).pathname.slice(1) || 'postgres';
  return `${base}_tmpl`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}

export function urlForDatabase(name: string): string {
  const u = new URL(TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  return u.toString();
}

export function adminClient() {
  return postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
}
