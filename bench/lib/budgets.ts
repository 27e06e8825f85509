/**
 * The budgets a run is checked against (`pnpm bench --check` exits 1 on a miss): each from what the
 * run measured, or "not measured" (null: skipped; with --check a missing measurement is a miss).
 */
import type { Budget, Results } from './results';
import type { RunOptions } from './run-options';
import { round } from './stats';

export function budgets(results: Results, opts: Pick<RunOptions, 'check'>): Budget[] {
  const out: Budget[] = [];
  const l = results.limits;
  const d = l?.dashboardVsBareSql;
  if (d) {
    const limit = round(1.5 * d.bareP95 + 5);
    out.push({
      name: 'cohort dashboard p95 ≤ 1.5 × bare SQL p95 + 5 ms',
      value: `${d.appP95} ms`,
      budget: `≤ ${limit} ms (bare SQL p95 ${d.bareP95} ms)`,
      pass: d.appP95 <= limit,
      note: 'app at one connection (dashboards.cohort@1) and bare SQL run sequentially, in alternating slices',
    });
  } else out.push({ name: 'cohort dashboard p95', value: '—', budget: '—', pass: null, note: 'not measured' });
  const s = results.statements;
  out.push(
    s
      ? {
          name: 'SQL statements per dashboard request, independent of cohort size',
          value: `${s.large.count} (${s.large.learners} learners) / ${s.small.count} (${s.small.learners} learners)`,
          budget: 'equal',
          pass: s.large.count === s.small.count,
        }
      : { name: 'SQL statements per dashboard request', value: '—', budget: '—', pass: null, note: 'not measured' },
  );
  if (l?.read) {
    const r = l.read;
    const pct = (x: number) => `${Math.round((x / r.bare.rps) * 100)}%`;
    out.push({
      name: 'org-scoped read (roadmap.list) vs bare Express',
      value: `${Math.round(r.app.rps)} / ${Math.round(r.bare.rps)} req/s = ${Math.round(r.ratio * 100)}%`,
      budget: '≥ 50%',
      pass: r.ratio >= 0.5,
      note:
        `bare Express sending the app's statements: ${Math.round(r.diagnostic.appProtocolRps)} req/s (${pct(r.diagnostic.appProtocolRps)}); ` +
        `prepared: ${Math.round(r.diagnostic.preparedRps)} req/s (${pct(r.diagnostic.preparedRps)}); ` +
        `prepared and pipelined: ${Math.round(r.diagnostic.pipelinedRps)} req/s (${pct(r.diagnostic.pipelinedRps)})`,
    });
  } else {
    out.push({
      name: 'org-scoped read vs bare Express',
      value: '—',
      budget: '≥ 50%',
      pass: null,
      note: 'not measured',
    });
  }
  const b = results.bundle;
  if (b && 'chunks' in b) {
    const kb = round(b.gzipBytes / 1024, 1);
    const recharts = b.chunks.filter((c) => c.recharts).map((c) => c.file);
    const top = b.contributors
      .slice(0, 6)
      .map((c) => `${c.name} ${round(c.bytes / 1024, 0)} KB`)
      .join(', ');
    out.push({
      name: 'initial JS of the first route (gzip), charts lazy',
      value: `${kb} KB in ${b.chunks.length} chunk(s)${recharts.length ? `; recharts in ${recharts.join(', ')}` : '; no recharts'}`,
      budget: '≤ 200 KB, no recharts',
      pass: kb <= 200 && recharts.length === 0 && !b.development,
      note: [
        b.development ? 'web/dist is a DEVELOPMENT build (React dev): rebuild with NODE_ENV=production' : '',
        b.lazyRechartsChunks.length
          ? `recharts lazily in ${b.lazyRechartsChunks.join(', ')}`
          : 'no chunk contains recharts',
        top ? `largest in the entry (minified): ${top}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  } else {
    out.push({
      name: 'initial JS of the first route (gzip)',
      value: '—',
      budget: '≤ 200 KB, no recharts',
      pass: opts.check ? false : null,
      note: b && 'error' in b ? b.error : 'not measured (web/dist missing; run with --check)',
    });
  }
  const so = results.scaleOut;
  if (so) {
    out.push(
      'jobs' in so
        ? {
            name: `jobs exactly once over ${so.instances} server processes`,
            value: `${so.jobs.analysedOnce}/${so.jobs.submissions} analysed once, ${so.jobs.analysedTwiceOrMore} twice+; ${Object.entries(
              so.jobs.byInstance,
            )
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`,
            budget: 'every job once, on several workers',
            pass: so.jobs.exactlyOnce && Object.keys(so.jobs.byInstance).length > 1,
          }
        : { name: 'jobs exactly once over N processes', value: '—', budget: '—', pass: false, note: so.error },
    );
  }
  const c = results.coldStart;
  if (c && 'seconds' in c) {
    out.push({
      name: 'embedded cold start (fresh DATA_DIR → /readyz 200)',
      value: `${round(c.seconds, 2)} s`,
      budget: '≤ 15 s',
      pass: c.seconds <= 15,
    });
  } else {
    out.push({
      name: 'embedded cold start',
      value: '—',
      budget: '≤ 15 s',
      pass: opts.check ? false : null,
      note: c && 'error' in c ? c.error : 'not measured (server/dist missing; run with --check)',
    });
  }
  return out;
}
