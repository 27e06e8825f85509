import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isolate, useFormat, useIntlLocale } from '../../lib/format';
import { cn } from '../../lib/utils';
import type { AnalysisView } from './analysisResult';

export function Section({
  title,
  children,
  className,
}: {
  title: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={cn('flex flex-col gap-2', className)}>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

export function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const LANGUAGE_COLORS = ['bg-brand-600', 'bg-sky-500', 'bg-amber-500', 'bg-violet-500', 'bg-rose-500', 'bg-slate-400'];

export function Languages({ languages }: { languages: Record<string, number> }) {
  const { t } = useTranslation();
  const locale = useIntlLocale();
  const pct = useMemo(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }), [locale]);
  const entries = Object.entries(languages).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((n, [, bytes]) => n + bytes, 0);
  if (entries.length === 0 || total === 0) return <p className="text-sm text-slate-500">{t('analysis.noLanguages')}</p>;
  const shown = entries.slice(0, 5);
  const rest = entries.slice(5).reduce((n, [, b]) => n + b, 0);
  const rows: [string, number][] = rest > 0 ? [...shown, [t('analysis.otherLanguages'), rest]] : shown;
  return (
    <div className="flex flex-col gap-2" data-testid="analysis-languages">
      <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {rows.map(([name, bytes], i) => (
          <div
            key={name}
            className={LANGUAGE_COLORS[i % LANGUAGE_COLORS.length]}
            style={{ width: `${(bytes / total) * 100}%` }}
          />
        ))}
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {rows.map(([name, bytes], i) => (
          <li key={name} className="flex items-center gap-1.5" data-language={name}>
            <span className={cn('size-2.5 rounded-full', LANGUAGE_COLORS[i % LANGUAGE_COLORS.length])} aria-hidden />
            <bdi className="font-medium text-slate-800">{name}</bdi>
            <span className="text-slate-500">{pct.format(bytes / total)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SkillChip({ skillKey, title, highlight }: { skillKey: string; title: string; highlight?: boolean }) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full border px-2.5 py-0.5 text-xs font-medium',
        highlight ? 'border-brand-200 bg-brand-50 text-brand-800' : 'border-slate-200 bg-white text-slate-700',
      )}
      title={skillKey}
      data-testid="suggested-skill"
      data-key={skillKey}
    >
      {title}
    </span>
  );
}

export function Authorship({
  authorship,
  githubLogin,
  isLearner,
}: {
  authorship: AnalysisView['authorship'];
  githubLogin: string | null;
  isLearner: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pct = new Intl.NumberFormat(fmt.locale, { style: 'percent', maximumFractionDigits: 0 });
  if (authorship) {
    return (
      <div className="flex flex-col gap-2" data-testid="authorship" data-share={authorship.share}>
        <p className="text-sm text-slate-800">
          <span className="text-lg font-semibold text-slate-900">{pct.format(authorship.share)}</span>{' '}
          {t('analysis.authorshipShare', {
            authored: fmt.number(authorship.authored),
            total: fmt.number(authorship.total),
            login: isolate(authorship.login),
          })}
        </p>
        <div className="h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
          <div className="h-full bg-brand-600" style={{ width: `${Math.min(100, authorship.share * 100)}%` }} />
        </div>
      </div>
    );
  }
  if (!githubLogin) {
    return (
      <p className="text-sm text-slate-600" data-testid="authorship-no-login">
        {isLearner ? (
          <>
            {t('analysis.noLoginLearner')}{' '}
            <Link to="/account" className="font-medium text-brand-700 underline underline-offset-2">
              {t('analysis.addLogin')}
            </Link>
          </>
        ) : (
          t('analysis.noLoginReviewer')
        )}
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-600" data-testid="authorship-pending">
      {t('analysis.authorshipPending', { login: isolate(githubLogin) })}
    </p>
  );
}
