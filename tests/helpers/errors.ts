import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

/** Awaits a call that must fail with `code` (and, if given, the user-facing message key). */
export async function expectTrpcError(p: Promise<unknown>, code: TRPCError['code'], messageKey?: string) {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}, but the call succeeded`).toBeInstanceOf(TRPCError);
  const e = caught as TRPCError & { cause?: { userMessage?: string } };
  expect(e.code).toBe(code);
  if (messageKey) {
    const key = e.cause && 'userMessage' in e.cause ? e.cause.userMessage : e.message;
    expect(key).toBe(messageKey);
  }
  return e;
}

/** The tRPC code a call ends with ('OK' when it succeeds), for tables of expected answers. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : `THROWN ${(e as Error).message}`;
  }
}
