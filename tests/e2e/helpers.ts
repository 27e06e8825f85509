import type { Browser, Locator, Page } from 'playwright-core';
import { newPage } from './browser';

export const PASSWORD = 'a-long-and-unusual-passphrase';

/** The demo organisation seeded on an embedded start with MASAR_DEMO=true (server/src/seed/demo.ts). */
export const DEMO_SLUG = 'alex-demo';
const DEMO_PASSWORD = 'masar-demo-2026';

/** Logs in as one of the demo organisation's people through the real log-in form. */
export async function logInDemo(page: Page, email: string) {
  await page.goto('/login');
  const form = page.getByTestId('login-form');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

export async function signUp(page: Page, name: string, email: string) {
  await page.goto('/signup');
  const form = page.getByTestId('signup-form');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
  // a new account has no organisation: sign-up goes on to creating one
  await page.waitForURL((u) => u.pathname === '/orgs/new');
}

/** Calls a tRPC mutation from the page (same origin, with its session cookie). */
export async function mutate<T = unknown>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([p, i]) => {
      const r = await fetch(`/trpc/${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: i }),
      });
      return { status: r.status, body: await r.json() };
    },
    [path, input] as const,
  );
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { result: { data: { json: T } } }).result.data.json;
}

export async function query<T = unknown>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([p, i]) => {
      const r = await fetch(`/trpc/${p}?input=${encodeURIComponent(JSON.stringify({ json: i }))}`);
      return { status: r.status, body: await r.json() };
    },
    [path, input] as const,
  );
  if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { result: { data: { json: T } } }).result.data.json;
}

/** A member invited with `role` who signs up on the invitation page, in their own browser context. */
export async function joinByInvitation(
  browser: Browser,
  baseUrl: string,
  owner: Page,
  orgSlug: string,
  role: string,
  name: string,
  email: string,
) {
  const inv = await mutate<{ link: string }>(owner, 'invitations.create', { orgSlug, email, role });
  const member = await newPage(browser, baseUrl);
  await member.page.goto(new URL(inv.link).pathname);
  const form = member.page.getByTestId('signup-form');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="password"]').fill(PASSWORD);
  await form.locator('button[type="submit"]').click();
  // learners land on My roadmap, others on the organisation's home
  await member.page.waitForURL((u) => u.pathname === `/o/${orgSlug}` || u.pathname === `/o/${orgSlug}/my-roadmap`);
  return member;
}

export function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCDate(Math.min(d.getUTCDate(), 28));
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/**
 * Picks `iso` (YYYY-MM-DD) in a DatePicker: opens it with its button, moves month by month with the
 * calendar's previous/next buttons and clicks the day, as a user would.
 */
export async function pickDate(page: Page, trigger: Locator, iso: string) {
  await trigger.click();
  const calendar = page.locator('.rdp-root');
  await calendar.waitFor();
  for (let i = 0; i < 600; i++) {
    const day = calendar.locator(`td[data-day="${iso}"]:not([data-outside]) button`);
    if ((await day.count()) > 0) {
      await day.click();
      await calendar.waitFor({ state: 'detached' });
      return;
    }
    const shown = await calendar.locator('td[data-day]:not([data-outside])').first().getAttribute('data-day');
    await calendar.locator(shown && shown > iso ? '.rdp-button_previous' : '.rdp-button_next').click();
  }
  throw new Error(`could not reach ${iso} in the date picker`);
}
