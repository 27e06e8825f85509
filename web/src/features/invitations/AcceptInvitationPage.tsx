import { zInviteToken } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Building2, LogIn, LogOut, MailCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { StateMessage } from '../../components/StateMessage';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { authPath, type Me, useAfterAuth, useLogOut, useMe } from '../../lib/auth';
import { isolate, useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { errorData, type RouterOutputs, useTRPC } from '../../trpc';
import { SignUpForm } from '../auth/AuthPages';

type InvitationInfo = RouterOutputs['invitations']['byToken'];

const STATUS_TONE = { pending: 'warning', accepted: 'success', revoked: 'neutral', expired: 'danger' } as const;

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invite.title'));
  const { token = '' } = useParams();
  if (!zInviteToken.safeParse(token).success) return <InvalidLink />;
  return <Invitation token={token} />;
}

function InvalidLink() {
  const { t } = useTranslation();
  return (
    <StateMessage
      kind="notFound"
      title={t('invite.invalidTitle')}
      body={t('errors.invitation.invalidLink')}
      data-testid="invitation-invalid"
      action={
        <Button asChild variant="secondary">
          <Link to="/">{t('common.backHome')}</Link>
        </Button>
      }
    />
  );
}

function Invitation({ token }: { token: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const info = useQuery(trpc.invitations.byToken.queryOptions({ token }));
  if (info.error && errorData(info.error)?.code === 'NOT_FOUND') return <InvalidLink />;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <QueryState
        isPending={info.isPending || me.isPending}
        error={info.error ?? me.error}
        onRetry={() => {
          void info.refetch();
          void me.refetch();
        }}
        errorTitle={t('invite.loadError')}
      >
        {info.data ? (
          <>
            <InvitationSummary info={info.data} />
            {info.data.status !== 'pending' ? (
              <Alert tone={info.data.status === 'accepted' ? 'info' : 'error'} data-testid="invitation-not-pending">
                <p className="font-medium">{t(`invite.statusTitle.${info.data.status}`)}</p>
                <p>{t(`invite.statusBody.${info.data.status}`)}</p>
              </Alert>
            ) : me.data ? (
              <AcceptAsUser token={token} info={info.data} me={me.data} />
            ) : (
              <AcceptAsGuest token={token} info={info.data} />
            )}
          </>
        ) : null}
      </QueryState>
    </div>
  );
}

function InvitationSummary({ info }: { info: InvitationInfo }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card data-testid="invitation-card" data-status={info.status}>
      <CardHeader>
        <div className="flex items-center gap-3">
          <span className="rounded-lg bg-brand-50 p-2 text-brand-700">
            <Building2 className="size-6" aria-hidden />
          </span>
          <div className="min-w-0">
            <CardDescription>{t('invite.invitedTo')}</CardDescription>
            <CardTitle className="truncate text-2xl" data-testid="invitation-org">
              {info.orgName}
            </CardTitle>
          </div>
        </div>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t('fields.role')}</dt>
            <dd className="font-medium" data-testid="invitation-role">
              {t(`roles.${info.role}`)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('invite.invitedEmail')}</dt>
            <dd className="font-medium" data-testid="invitation-email">
              <bdi>{info.email}</bdi>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('invitations.status')}</dt>
            <dd>
              <Badge tone={STATUS_TONE[info.status]} data-testid="invitation-status">
                {t(`invitationStatus.${info.status}`)}
              </Badge>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('invitations.expires')}</dt>
            <dd className="font-medium">{fmt.dateTime(info.expiresAt)}</dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}

/**
 * Accept, then refresh what the user sees (their organisations) and go to the organisation: a
 * learner straight to My roadmap (what is due, and where to submit), others to its home.
 */
function useAccept(token: string, refresh: () => Promise<unknown>) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const run = async () => {
    try {
      const result = await accept.mutateAsync({ token });
      await refresh();
      const home = result.role === 'learner' ? routes.myRoadmap(result.orgSlug) : routes.org(result.orgSlug);
      await navigate(home, { replace: true });
    } catch {
      await refresh();
    }
  };
  return { accept, run };
}

function AcceptAsUser({ token, info, me }: { token: string; info: InvitationInfo; me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { accept, run } = useAccept(token, () => queryClient.invalidateQueries());
  const { logOut, isPending: loggingOut } = useLogOut();
  const mismatch = me.email.trim().toLowerCase() !== info.email.trim().toLowerCase();
  const wrongAccount = accept.error instanceof Error && accept.error.message === 'errors.invitation.wrongAccount';
  const logOutButton = (
    <Button
      variant="secondary"
      size="sm"
      className="mt-3"
      pending={loggingOut}
      onClick={() => void logOut(null)}
      data-testid="invite-logout"
    >
      <LogOut className="size-4 rtl:rotate-180" aria-hidden />
      {t('invite.logOutToSwitch')}
    </Button>
  );
  return (
    <Card>
      <CardContent className="flex flex-col gap-4">
        <p className="text-sm text-slate-700">
          {t('invite.loggedInAs')} <bdi className="font-medium">{me.email}</bdi>
        </p>
        {accept.error ? (
          <Alert tone="error" data-testid="accept-error">
            <p className="font-medium">{serverErrorMessage(accept.error)}</p>
            {wrongAccount ? (
              <>
                <p>{t('invite.wrongAccountHelp', { invited: isolate(info.email), current: isolate(me.email) })}</p>
                {logOutButton}
              </>
            ) : null}
          </Alert>
        ) : mismatch ? (
          <Alert tone="info" data-testid="account-mismatch">
            <p>{t('invite.wrongAccountHelp', { invited: isolate(info.email), current: isolate(me.email) })}</p>
            {logOutButton}
          </Alert>
        ) : null}
        <Button size="lg" pending={accept.isPending} onClick={() => void run()} data-testid="accept-invitation">
          <MailCheck className="size-5" aria-hidden />
          {t('invite.accept', { org: isolate(info.orgName) })}
        </Button>
      </CardContent>
    </Card>
  );
}

function AcceptAsGuest({ token, info }: { token: string; info: InvitationInfo }) {
  const { t } = useTranslation();
  const afterAuth = useAfterAuth();
  // Signed up: accept first, then load the new session's data (which swaps this form away).
  const { accept, run } = useAccept(token, afterAuth);
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t('invite.haveAccountTitle')}</CardTitle>
          <CardDescription>{t('invite.haveAccountBody', { email: isolate(info.email) })}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="secondary">
            <Link to={authPath('login', `/invite/${token}`)} data-testid="invite-login">
              <LogIn className="size-4 rtl:rotate-180" aria-hidden />
              {t('invite.logInToAccept')}
            </Link>
          </Button>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('invite.newAccountTitle')}</CardTitle>
          <CardDescription>{t('invite.newAccountBody')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {accept.error ? (
            <Alert tone="error" data-testid="accept-error">
              {serverErrorMessage(accept.error)}
            </Alert>
          ) : null}
          <SignUpForm
            fixedEmail={info.email}
            submitLabel={t('invite.signUpAndAccept')}
            extraPending={accept.isPending}
            onSignedUp={run}
          />
        </CardContent>
      </Card>
    </div>
  );
}
