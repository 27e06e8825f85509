import { expect, joinByInvitationApi, mutate, PASSWORD, signUpByApi, test } from './fixtures';

test.describe('logging in', () => {
  test('someone in one organisation goes straight into it: a learner to My roadmap; with two, to the list of organisations', async ({
    browser,
    page,
    uid,
  }) => {
    const slug = `alex-${uid}`;
    await page.goto('/');
    await signUpByApi(page, 'Nour Owner', `nour-${uid}@example.test`);
    await mutate(page, 'org.create', { name: 'Alexandria Backend Bootcamp of the Long Name', slug, kind: 'bootcamp' });
    const learnerEmail = `omar-${uid}@example.test`;
    const learner = await joinByInvitationApi(browser, page, slug, 'learner', 'Omar Learner', learnerEmail);
    await learner.context.close();

    // the learner logs in through the form, in a browser of their own
    const context = await browser.newContext();
    const l = await context.newPage();
    await l.goto('/login');
    const form = l.getByTestId('login-form');
    await form.locator('input[name="email"]').fill(learnerEmail);
    await form.locator('input[name="password"]').fill(PASSWORD);
    await form.locator('button[type="submit"]').click();
    await expect(l).toHaveURL(new RegExp(`/o/${slug}/my-roadmap$`));
    // the organisation's whole name in the header at a laptop's width (issue #23: names were cut off)
    const switcher = l.getByTestId('org-switcher').locator('span.truncate');
    await expect(switcher).toHaveText('Alexandria Backend Bootcamp of the Long Name');
    expect(await switcher.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    await context.close();

    // the owner, with a second organisation, lands on the list, every name whole
    await mutate(page, 'org.create', { name: 'Second organisation', slug: `second-${uid}`, kind: 'community' });
    await mutate(page, 'auth.logOut', {});
    await page.goto('/login');
    const ownerForm = page.getByTestId('login-form');
    await ownerForm.locator('input[name="email"]').fill(`nour-${uid}@example.test`);
    await ownerForm.locator('input[name="password"]').fill(PASSWORD);
    await ownerForm.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('org-card')).toHaveCount(2);
    await expect(page.locator(`[data-testid="org-card"][data-slug="${slug}"]`)).toContainText(
      'Alexandria Backend Bootcamp of the Long Name',
    );
  });
});
