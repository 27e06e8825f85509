/** The terminal tables. */
import type { LoadResult } from './load';

type Row = string[];

function table(head: Row, rows: Row[], right: boolean[]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: Row) => r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

export function printScenarios(
  title: string,
  run: { cohort: { name: string; learners: number }; org: { learners: number }; scenarios: LoadResult[] },
) {
  console.log(
    `${title}: ${run.org.learners} learners in the org; cohort "${run.cohort.name}" (${run.cohort.learners})`,
  );
  table(
    ['scenario', 'conn', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'errors', 'conflicts'],
    run.scenarios.map((s) => [
      s.name,
      String(s.connections),
      s.rps.toFixed(1),
      ms(s.latencyMs.p50),
      ms(s.latencyMs.p95),
      ms(s.latencyMs.p99),
      String(s.requests),
      String(s.errors + s.socketErrors),
      String(s.conflicts),
    ]),
    [false, true, true, true, true, true, true, true, true],
  );
  console.log('');
}

export function printBudgets(
  budgets: { name: string; value: string; budget: string; pass: boolean | null; note?: string | undefined }[],
) {
  console.log('\nBudgets');
  table(
    ['budget', 'value', 'limit', 'result'],
    budgets.map((b) => [
      b.name,
      b.value,
      b.budget,
      b.pass === null
        ? `skipped${b.note ? ` (${b.note})` : ''}`
        : b.pass
          ? 'pass'
          : `MISS${b.note && b.value === '—' ? ` (${b.note})` : ''}`,
    ]),
    [false, false, false, false],
  );
  for (const b of budgets) if (b.note && b.pass !== null && b.value !== '—') console.log(`  · ${b.name}: ${b.note}`);
}
