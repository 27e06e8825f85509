import { expect, joinByInvitationApi, keepScreenshot, mutate, signUpByApi, test } from './fixtures';
import { monthsAgo, pickDate } from './helpers';

test.describe('a cohort on the built-in roadmap', () => {
  test('a mentor creates a cohort that started four months ago and assigns the first stage; the learner sees the 0–3 month skills as overdue', async ({
    browser,
    page,
    uid,
  }) => {
    // the owner, the mentor and the learner log in by cookie (sign-up through the API); this test is
    // about the cohort, not the sign-up form
    const slug = `giza-${uid}`;
    await page.goto('/');
    await signUpByApi(page, 'Hana Owner', `hana-${uid}@example.test`);
    await mutate(page, 'org.create', { name: 'Giza Bootcamp', slug, kind: 'bootcamp' });
    const mentor = await joinByInvitationApi(
      browser,
      page,
      slug,
      'mentor',
      'Karim Mentor',
      `karim-${uid}@example.test`,
    );
    const salma = `salma-${uid}@example.test`;
    const learner = await joinByInvitationApi(browser, page, slug, 'learner', 'Salma Learner', salma);

    // the mentor creates the cohort in the UI
    const m = mentor.page;
    await m.goto(`/o/${slug}/cohorts`);
    const form = m.getByTestId('create-cohort-form');
    await expect(form).toBeVisible();
    await form.locator('input[name="name"]').fill('Giza Autumn');
    await pickDate(m, form.getByTestId('date-startDate'), monthsAgo(4));
    await expect(form.locator('input[name="startDate"]')).toHaveValue(monthsAgo(4));
    await form.locator('button[type="submit"]').click();
    await expect(m).toHaveURL(new RegExp(`/o/${slug}/cohorts/[0-9a-f-]{36}$`));

    // adds the learner
    const add = m.getByTestId('add-members-form');
    await expect(add).toBeVisible();
    const person = add.locator('select[name="userId"] option', { hasText: salma });
    await expect(person).toBeAttached();
    await add.locator('select[name="userId"]').selectOption((await person.getAttribute('value')) ?? '');
    await add.locator('select[name="role"]').selectOption('learner');
    await add.locator('button[type="submit"]').click();
    await expect(m.getByText(salma).first()).toBeVisible();

    // assigns the first stage
    const assign = m.getByTestId('assign-form');
    const stageSelect = assign.locator('select[name="stageId"]');
    await expect(stageSelect).toBeVisible();
    const firstStage = await stageSelect.locator('option:not([value=""])').first().getAttribute('value');
    await stageSelect.selectOption(firstStage ?? '');
    const assigned = m.waitForResponse((r) => r.url().includes('cohorts.assign') && r.status() === 200);
    await m.getByTestId('assign-submit').click();
    await assigned;
    await keepScreenshot(m, 'cohort-en');

    // the learner's "My roadmap"
    const l = learner.page;
    // the organisation's address is My roadmap for a learner (issue #23): what is due, not the org's details
    await l.goto(`/o/${slug}`);
    await expect(l).toHaveURL(new RegExp(`/o/${slug}/my-roadmap$`));
    await expect(l.getByTestId('org-tab-myRoadmap')).toHaveAttribute('aria-current', 'page');
    await expect(l.getByTestId('org-tab-overview')).toHaveCount(0);
    const skill = (key: string) => l.locator(`[data-testid="my-skill"][data-key="${key}"]`).first();
    for (const key of ['programming-fundamentals', 'backend-language', 'sql-basics', 'http-basics', 'first-api']) {
      await expect(skill(key), key).toHaveAttribute('data-due-state', 'overdue');
    }
    for (const key of ['authentication', 'rest-design', 'git', 'cloud-deploy']) {
      await expect(skill(key), key).toHaveAttribute('data-due-state', /due_soon|upcoming/);
    }
    await expect(skill('docker')).toHaveAttribute('data-due-state', 'none');
    await keepScreenshot(l, 'my-roadmap-en');
    // the organisation's details and "leave" sit behind the Organisation tab
    await l.getByTestId('org-tab-about').click();
    await expect(l).toHaveURL(new RegExp(`/o/${slug}/about$`));
    await expect(l.getByTestId('org-detail-role')).toHaveText('Learner');
    await expect(l.getByTestId('org-tab-about')).toHaveAttribute('aria-current', 'page');
    await l.getByTestId('org-tab-myRoadmap').click();
    await expect(skill('docker')).toBeVisible();
    await l.getByTestId('language-switch').click();
    await expect(l.locator('html')).toHaveAttribute('dir', 'rtl');
    await keepScreenshot(l, 'my-roadmap-ar');
    for (const c of [mentor, learner]) await c.context.close();
  });
});
