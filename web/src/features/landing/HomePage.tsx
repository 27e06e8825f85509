import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Briefcase, Building2, ChevronRight, ClipboardCheck, PlayCircle, Plus, Route } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { StateMessage } from '../../components/StateMessage';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Spinner } from '../../components/ui/spinner';
import { type Me, useMe } from '../../lib/auth';
import { isolate } from '../../lib/format';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useTRPC } from '../../trpc';

/** The landing page: what Masar does, sign up, log in, and the demo when this deployment has one. */
function Welcome() {
  const { t } = useTranslation();
  const features = [
    { key: 'mentors', icon: ClipboardCheck },
    { key: 'learners', icon: Route },
    { key: 'companies', icon: Briefcase },
  ] as const;
  return (
    <div className="flex flex-col gap-8" data-testid="landing">
      <section className="rounded-xl border border-brand-100 bg-gradient-to-b from-brand-50 to-white px-6 py-10 sm:px-10">
        <h1 className="text-3xl font-semibold tracking-tight text-slate-900">{t('home.welcomeTitle')}</h1>
        <p className="mt-3 max-w-2xl text-slate-700">{t('home.welcomeBody')}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Button asChild size="lg">
            <Link to="/signup" data-testid="home-signup">
              {t('nav.signUp')}
            </Link>
          </Button>
          <Button asChild size="lg" variant="secondary">
            <Link to="/login" data-testid="home-login">
              {t('nav.logIn')}
            </Link>
          </Button>
        </div>
      </section>
      <section aria-labelledby="features-title">
        <h2 id="features-title" className="mb-4 text-lg font-semibold text-slate-900">
          {t('home.featuresTitle')}
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {features.map(({ key, icon: Icon }) => (
            <li key={key}>
              <Card className="flex h-full flex-col gap-2 p-5" data-testid={`feature-${key}`}>
                <span className="w-fit rounded-lg bg-brand-50 p-2 text-brand-700">
                  <Icon className="size-5" aria-hidden />
                </span>
                <h3 className="font-semibold text-slate-900">{t(`home.features.${key}Title`)}</h3>
                <p className="text-sm text-slate-600">{t(`home.features.${key}Body`)}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>
      <TryTheDemo />
    </div>
  );
}

/** On a demo deployment: one click logs in as one of the demo organisation's people. */
function TryTheDemo() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const info = useQuery(trpc.landing.info.queryOptions());
  const logIn = useMutation(trpc.auth.logIn.mutationOptions());
  const demo = info.data?.demo;
  if (!demo) return null;
  const open = async (who: 'mentor' | 'learner' | 'viewer') => {
    try {
      await logIn.mutateAsync({ email: demo.logins[who], password: demo.password });
      await queryClient.invalidateQueries();
      await navigate(routes.org(demo.orgSlug));
    } catch {
      // the error is shown below the buttons
    }
  };
  return (
    <section
      aria-labelledby="demo-title"
      className="rounded-xl border border-amber-200 bg-amber-50 p-6"
      data-testid="try-demo"
    >
      <h2 id="demo-title" className="flex items-center gap-2 text-lg font-semibold text-slate-900">
        <PlayCircle className="size-5 text-amber-700" aria-hidden />
        {t('home.demoTitle')}
      </h2>
      <p className="mt-2 max-w-2xl text-sm text-slate-700">{t('home.demoBody')}</p>
      <div className="mt-4 flex flex-wrap gap-3">
        {(['mentor', 'learner', 'viewer'] as const).map((who) => (
          <Button
            key={who}
            variant="secondary"
            className="min-h-11"
            pending={logIn.isPending && logIn.variables?.email === demo.logins[who]}
            disabled={logIn.isPending}
            onClick={() => void open(who)}
            data-testid={`demo-${who}`}
          >
            {t(`home.demoAs.${who}`)}
          </Button>
        ))}
      </div>
      {logIn.error ? (
        <p className="mt-3 text-sm text-red-800" role="alert">
          {t('home.demoError')}
        </p>
      ) : null}
    </section>
  );
}

function MyOrganisations({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const orgs = useQuery(trpc.org.mine.queryOptions());
  const create = (
    <Button asChild>
      <Link to="/orgs/new" data-testid="create-org-link">
        <Plus className="size-4" aria-hidden />
        {t('nav.createOrganisation')}
      </Link>
    </Button>
  );
  return (
    <section>
      <PageHeader
        title={t('home.greeting', { name: isolate(me.name) })}
        description={t('home.orgsDescription')}
        actions={orgs.data?.length ? create : null}
      />
      <QueryState
        isPending={orgs.isPending}
        error={orgs.error}
        onRetry={() => orgs.refetch()}
        errorTitle={t('nav.orgsLoadError')}
      >
        {orgs.data?.length === 0 ? (
          <StateMessage
            kind="empty"
            title={t('home.noOrgsTitle')}
            body={t('home.noOrgsBody')}
            action={create}
            data-testid="orgs-empty"
          />
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="org-list">
            {orgs.data?.map((org) => (
              <li key={org.id}>
                <Link
                  to={routes.org(org.slug)}
                  data-testid="org-card"
                  data-slug={org.slug}
                  className="group block h-full"
                >
                  <Card className="flex h-full items-start gap-3 p-5 transition-colors group-hover:border-brand-500">
                    <span className="rounded-lg bg-brand-50 p-2 text-brand-700">
                      <Building2 className="size-5" aria-hidden />
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block font-semibold break-words text-slate-900" dir="auto">
                        {org.name}
                      </span>
                      <span className="block truncate text-xs text-slate-500">
                        <bdi dir="ltr">/o/{org.slug}</bdi>
                      </span>
                      <span className="mt-3 flex flex-wrap gap-2">
                        <Badge>{t(`orgKinds.${org.kind}`)}</Badge>
                        <Badge tone="brand">{t(`roles.${org.role}`)}</Badge>
                      </span>
                    </span>
                    <ChevronRight className="size-5 shrink-0 text-slate-400 rtl:rotate-180" aria-hidden />
                  </Card>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(null);
  const me = useMe();
  return (
    <div className="flex flex-col gap-8">
      {me.isPending ? (
        <div className="flex justify-center py-10">
          <Spinner className="size-6 text-brand-700" label={t('common.loading')} />
        </div>
      ) : me.data ? (
        <MyOrganisations me={me.data} />
      ) : (
        <Welcome />
      )}
    </div>
  );
}
