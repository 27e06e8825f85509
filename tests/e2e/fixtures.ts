import fs from 'node:fs';
import path from 'node:path';
import { type Browser, test as base, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

export const PASSWORD = 'a-long-and-unusual-passphrase';
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');

/** Keep a screenshot as a test artifact (for people to look at), as browser.ts's keepScreenshot. */
export async function keepScreenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Calls a tRPC mutation with the page's cookies, as the web client does (same Origin for the CSRF check). */
export async function mutate<T = unknown>(page: Page, procedure: string, input: unknown): Promise<T> {
  const origin = new URL(page.url() === 'about:blank' ? (base.info().project.use.baseURL ?? '') : page.url()).origin;
  const res = await page.request.post(`/trpc/${procedure}`, { data: { json: input }, headers: { origin } });
  const body = await res.json();
  if (res.status() !== 200) throw new Error(`${procedure} → ${res.status()}: ${JSON.stringify(body)}`);
  return (body as { result: { data: { json: T } } }).result.data.json;
}

/**
 * Signs up through the real API; the session cookie lands in the page's context (page.request
 * shares its cookie jar), so the test starts logged in without clicking through the form.
 */
export async function signUpByApi(page: Page, name: string, email: string) {
  await mutate(page, 'auth.signUp', { name, email, password: PASSWORD });
}

/** A member invited with `role` who accepts the invitation through the API, in their own context. */
export async function joinByInvitationApi(
  browser: Browser,
  owner: Page,
  orgSlug: string,
  role: string,
  name: string,
  email: string,
) {
  const inv = await mutate<{ link: string }>(owner, 'invitations.create', { orgSlug, email, role });
  const context = await browser.newContext(base.info().project.use);
  const page = await context.newPage();
  await signUpByApi(page, name, email);
  const token = new URL(inv.link).pathname.split('/').pop();
  await mutate(page, 'invitations.accept', { token });
  return { context, page };
}

/** A suffix unique to this test, for org slugs and e-mail addresses: tests share one server. */
export const test = base.extend<{ uid: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a pattern
  uid: async ({}, use, info) => use(`${info.workerIndex}${info.testId.slice(0, 6)}`.toLowerCase()),
});
