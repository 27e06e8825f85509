import type { Permission } from '@masar/shared';
import type { ReactNode } from 'react';
import { useOrg } from '../lib/org';
import { AccessDenied } from './StateMessage';

/** Renders the page only with `permission`; otherwise a "no access" state (the server would refuse too). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useOrg();
  return can(permission) ? children : <AccessDenied />;
}
