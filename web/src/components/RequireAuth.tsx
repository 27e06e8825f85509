import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { authPath, useMe } from '../lib/auth';
import { QueryState } from './QueryState';
import { Spinner } from './ui/spinner';

/** Layout route for pages that need a login: logged out → `/login?next=<this page>`. */
export function RequireAuth() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="flex justify-center py-16" data-testid="auth-loading">
        <Spinner className="size-6 text-brand-700" label={t('common.loading')} />
      </div>
    );
  }
  if (me.error) {
    return (
      <QueryState isPending={false} error={me.error} onRetry={() => me.refetch()}>
        {null}
      </QueryState>
    );
  }
  if (!me.data) {
    return <Navigate to={authPath('login', `${location.pathname}${location.search}`)} replace />;
  }
  return <Outlet />;
}
