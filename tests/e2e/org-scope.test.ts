import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub } from '../helpers/fake-github';
import { type AppProcess, startAppProcess } from '../helpers/server-process';
import { keepScreenshot, launchBrowser, newPage } from './browser';
import { joinByInvitation, monthsAgo, mutate, query, signUp } from './helpers';

/** Consent and removal as people meet them in the browser (issue #15, decision 021). */
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

describe('trust inside an organisation', () => {
  it('a viewer reads a review without its private comment; an admin takes down a member’s portfolio link', async () => {
    const owner = await newPage(browser, app.url);
    await signUp(owner.page, 'Hana Owner', 'hana@example.test');
    const slug = 'delta-bootcamp';
    await mutate(owner.page, 'org.create', { name: 'Delta Bootcamp', slug, kind: 'bootcamp' });
    const join = (role: string, name: string, email: string) =>
      joinByInvitation(browser, app.url, owner.page, slug, role, name, email);
    const viewer = await join('viewer', 'Vera Viewer', 'vera@example.test');
    const mentor = await join('mentor', 'Magdy Mentor', 'magdy@example.test');
    const learner = await join('learner', 'Laila Learner', 'laila@example.test');
    const idOf = async (p: typeof learner) => (await query<{ id: string }>(p.page, 'auth.me', undefined)).id;
    const [roadmap] = await query<{ id: string }[]>(owner.page, 'roadmaps.list', { orgSlug: slug });
    const full = await query<{ skills: { skillId: string }[] }>(owner.page, 'roadmaps.get', {
      orgSlug: slug,
      roadmapId: roadmap!.id,
    });
    const skillId = full.skills[0]!.skillId;
    const cohort = await mutate<{ id: string }>(owner.page, 'cohorts.create', {
      orgSlug: slug,
      name: 'Autumn cohort',
      roadmapId: roadmap!.id,
      startDate: monthsAgo(1),
    });
    await mutate(owner.page, 'cohorts.addMembers', {
      orgSlug: slug,
      cohortId: cohort.id,
      members: [
        { userId: await idOf(mentor), role: 'mentor' },
        { userId: await idOf(learner), role: 'learner' },
      ],
    });
    const { submissionId } = await mutate<{ submissionId: string }>(learner.page, 'submissions.submit', {
      orgSlug: slug,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api', // a repository the fake GitHub knows (submit checks it first)
      claimedSkillIds: [skillId],
      title: 'Todo API',
    });
    const seen = await query<{ submission: { version: number } }>(mentor.page, 'submissions.get', {
      orgSlug: slug,
      submissionId,
    });
    await mutate(mentor.page, 'submissions.review', {
      orgSlug: slug,
      submissionId,
      revision: 1,
      expectedVersion: seen.submission.version,
      decision: 'approved',
      comment: 'Between us: the error handling needs work.',
      ratings: [{ skillId, rating: 'demonstrated' }],
    });

    // the viewer sees the decision and the rating, not the mentor's words
    const v = viewer.page;
    await v.goto(`/o/${slug}/submissions/${submissionId}`);
    await v.getByTestId('review').first().waitFor();
    expect(await v.getByTestId('review').first().getAttribute('data-decision')).toBe('approved');
    expect(await v.getByTestId('review-comment-hidden').textContent()).toContain('private');
    expect(await v.locator('main').textContent()).not.toContain('Between us');
    expect(await v.getByTestId('reanalyse').count()).toBe(0);
    await keepScreenshot(v, 'org-scope-viewer-submission-en');
    // the mentor does see it
    await mentor.page.goto(`/o/${slug}/submissions/${submissionId}`);
    await mentor.page.getByTestId('review-comment').waitFor();
    expect(await mentor.page.getByTestId('review-comment').textContent()).toContain('Between us');

    // the learner publishes a portfolio; the owner takes it down from the Members page
    const { link } = await mutate<{ link: string }>(learner.page, 'portfolios.publish', { orgSlug: slug });
    const visitor = await newPage(browser, app.url);
    await visitor.page.goto(new URL(link).pathname);
    await visitor.page.getByTestId('portfolio-page').waitFor();

    const o = owner.page;
    await o.goto(`/o/${slug}/members`);
    const row = o.getByTestId('portfolio-link-row');
    await row.waitFor();
    expect(await row.textContent()).toContain('Laila Learner');
    await keepScreenshot(o, 'org-scope-portfolio-links-en');
    await row.getByTestId('revoke-portfolio-link').click();
    const dialog = o.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Laila Learner');
    await dialog.getByRole('button', { name: 'Take down' }).click();
    await o.getByText('Portfolio link taken down.').waitFor();
    await o.getByTestId('portfolio-links').getByText('No public portfolio links.').waitFor();
    await visitor.page.reload();
    await visitor.page.getByTestId('portfolio-not-found').waitFor();

    // in Arabic, the card reads right to left
    await o.getByTestId('language-switch').click();
    await o.waitForFunction(() => document.documentElement.dir === 'rtl');
    await o.getByText('روابط ملفات الأعمال العامة').waitFor();

    for (const c of [owner, viewer, mentor, learner, visitor]) await c.context.close();
  });
});
