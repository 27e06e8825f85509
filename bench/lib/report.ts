/** The terminal output of a run: its tables and summary lines. */
import type { LoadResult } from './load';
import type { Results } from './results';

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

/** Everything a finished run prints: machine, scenario tables, limits, scale-out, budgets. */
export function printRun(results: Results, log: (line: string) => void) {
  log(
    `\nMachine: ${results.machine.cpus} × ${results.machine.cpuModel}; load average ${(results.machine.loadAverageStart as number[]).join(' ')} at the start, ${(results.machine.loadAverageEnd as number[]).join(' ')} at the end`,
  );
  log('');
  if (results.postgres) printScenarios(`PostgreSQL — ${results.postgres.org.slug}`, results.postgres);
  if (results.pglite) printScenarios(`PGlite — ${results.pglite.org.slug}`, results.pglite);
  const lim = results.limits;
  if (lim?.bareSql || lim?.read) {
    const parts: string[] = [];
    if (lim.bareSql && lim.dashboardVsBareSql) {
      parts.push(
        `bare dashboard SQL p50 ${lim.bareSql.latencyMs.p50} ms, p95 ${lim.bareSql.latencyMs.p95} ms ` +
          `(${lim.bareSql.statements} statements, ${lim.bareSql.iterations} sequential runs); ` +
          `app dashboard p95 / bare SQL p95 = ${lim.dashboardVsBareSql.ratio}×`,
      );
    }
    if (lim.read) parts.push(`roadmap.list app / bare Express = ${Math.round(lim.read.ratio * 100)}% of req/s`);
    log(`Limits: ${parts.join('; ')}`);
  }
  const so = results.scaleOut;
  if (so && 'throughput' in so) {
    log(`\n${so.instances} server processes on one database (pids ${so.pids.join(', ')}):`);
    log(`  sessions shared: ${so.sharedSessions ? 'yes (logged in through instance-1, accepted by all)' : 'NO'}`);
    for (const t of so.throughput) {
      log(
        `  ${t.name.padEnd(18)} ${t.connections} connections: 1 instance ${t.single.rps} req/s (p95 ${t.single.p95} ms) → ` +
          `${so.instances} instances ${t.spread.rps} req/s [${t.spread.perInstance.map((p) => `${p.name} ${p.rps}`).join(', ')}] ` +
          `(p95 ${t.spread.p95} ms) = ×${t.ratio}`,
      );
    }
    const j = so.jobs;
    log(
      `  jobs: ${j.submissions} submissions, analysed exactly once ${j.analysedOnce}, twice+ ${j.analysedTwiceOrMore}, not ${j.notAnalysed}; ` +
        `by worker ${Object.entries(j.byInstance)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; pg-boss ${j.pgBoss.completed}/${j.pgBoss.jobs} completed, ${j.pgBoss.retried} retried; ` +
        `${j.exactlyOnce ? 'EXACTLY ONCE' : 'NOT EXACTLY ONCE'}`,
    );
  } else if (so) log(`\nscale-out run failed: ${so.error}`);
  printBudgets(results.budgets);
}
