/** A database handle whose SQL statements can be recorded (drizzle's `logQuery` hook). */
import { type Database, openDatabase } from '@masar/server';
import type { CapturedQuery } from './limits';

export interface CapturingDatabase {
  database: Database;
  /** Runs `fn` and returns every statement drizzle sent meanwhile, with its parameters. */
  capture(fn: () => Promise<unknown>): Promise<CapturedQuery[]>;
}

export async function openCapturingDatabase(url: string, poolMax = 10): Promise<CapturingDatabase> {
  let sink: CapturedQuery[] | null = null;
  const database = await openDatabase({
    url,
    poolMax,
    logQuery: (query: string, params?: unknown[]) => {
      sink?.push({ query, params: params ?? [] });
    },
  });
  return {
    database,
    async capture(fn) {
      const got: CapturedQuery[] = [];
      sink = got;
      try {
        await fn();
      } finally {
        sink = null;
      }
      return got;
    },
  };
}
