import { AppError } from '../../errors';
import type { TenantCtx } from '../../trpc';

export type Tenant = Pick<TenantCtx, 'orgId' | 'userId'>;

export const invalid = (userMessage: string, field?: string) =>
  new AppError('BAD_REQUEST', { userMessage, message: userMessage, ...(field ? { field } : {}) });

export function checkWindow(startMonth: number, endMonth: number) {
  if (!(Number.isInteger(startMonth) && Number.isInteger(endMonth) && startMonth >= 0 && endMonth <= 36)) {
    throw invalid('errors.month.range', 'startMonth');
  }
  if (startMonth >= endMonth) throw invalid('errors.month.order', 'endMonth');
}

export function swapped(ids: string[], id: string, direction: 'up' | 'down'): string[] {
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return ids;
  const out = [...ids];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) out[k] = { from: before[k], to: v };
  return out;
}
