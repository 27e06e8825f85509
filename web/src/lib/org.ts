import type { Permission } from '@masar/shared';
import { createContext, useContext } from 'react';
import type { RouterOutputs } from '../trpc';

export type OrgDetails = RouterOutputs['org']['get'];

export interface OrgContextValue {
  org: OrgDetails;
  slug: string;
  can: (permission: Permission) => boolean;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

/** The organisation of the current `/o/:slug` page (inside OrgLayout). */
export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error('useOrg outside OrgLayout');
  return value;
}
