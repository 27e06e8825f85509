import { describe, expect, it } from 'vitest';
import { retryOnTransientConflict } from './index';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('retryOnTransientConflict', () => {
  it('runs again after a deadlock or a raced unique key, and returns the result', async () => {
    const codes = ['40P01', '23505'];
    let calls = 0;
    const result = await retryOnTransientConflict(async () => {
      calls++;
      const code = codes.shift();
      if (code) throw pgError(code);
      return 'created';
    });
    expect(result).toBe('created');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      retryOnTransientConflict(async () => {
        calls++;
        throw pgError('42P01');
      }),
    ).rejects.toThrow('pg 42P01');
    expect(calls).toBe(1);
  });

  it('gives up after the given attempts with the last error', async () => {
    let calls = 0;
    await expect(
      retryOnTransientConflict(async () => {
        calls++;
        throw pgError('40P01');
      }, 3),
    ).rejects.toThrow('pg 40P01');
    expect(calls).toBe(3);
  });
});
