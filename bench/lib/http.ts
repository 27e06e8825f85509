/** Small HTTP helpers for the tRPC API (superjson envelope: `{ "json": input }`). */

export const trpcGetPath = (proc: string, input: unknown) =>
  `/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

export const trpcPostPath = (proc: string) => `/trpc/${proc}`;

export class HttpError extends Error {
  override name = 'HttpError';
}

/** Logs in through `auth.logIn`; returns the `Cookie` header value carrying the session. */
export async function logIn(baseUrl: string, origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}${trpcPostPath('auth.logIn')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ json: { email, password } }),
  });
  if (!res.ok) throw new HttpError(`log-in as ${email} failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('masar_session='));
  if (!cookie) throw new HttpError(`log-in as ${email}: no masar_session cookie`);
  return cookie;
}

/** One tRPC GET; throws on a non-2xx answer. */
export async function trpcGet<T>(baseUrl: string, cookie: string, proc: string, input: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${trpcGetPath(proc, input)}`, { headers: { cookie } });
  const text = await res.text();
  if (!res.ok) throw new HttpError(`${proc}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}
