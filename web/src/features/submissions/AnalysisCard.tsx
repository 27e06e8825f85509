import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, Archive, GitBranch, GitFork, RefreshCw, Star } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Spinner } from '../../components/ui/spinner';
import { knownKey } from '../../i18n';
import { useFormat } from '../../lib/format';
import { serverErrorMessage } from '../../lib/forms';
import { useTRPC } from '../../trpc';
import { Authorship, Fact, Languages, Section, SkillChip } from './AnalysisParts';
import { parseAnalysisResult } from './analysisResult';
import { type AnalysisStatus, type SubmissionDetail, useSkillKeyTitle } from './common';
import { AnalysisNoteText, SignalEvidence } from './SignalEvidence';

type Analysis = NonNullable<SubmissionDetail['analysis']>;

function useReasonText() {
  const { t } = useTranslation();
  return (reason: string | null) => {
    if (!reason) return t('analysis.reasons.unknown');
    const http = /^http_(\d{3})$/.exec(reason);
    if (http) return t('analysis.reasons.http', { status: http[1] });
    const key = `analysis.reasons.${reason}`;
    const known = knownKey(key);
    return known ? t(known) : reason;
  };
}

function StatusLine({ analysis, timeZone }: { analysis: Analysis | null; timeZone: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reasonText = useReasonText();
  if (!analysis) return <p className="text-sm text-slate-600">{t('analysis.state.none')}</p>;
  const when = (d: Date | string | null) => (d ? fmt.dateTime(d, timeZone) : '');
  switch (analysis.status) {
    case 'queued':
    case 'running':
      return (
        <p className="flex items-center gap-2 text-sm text-slate-700" role="status">
          <Spinner className="size-4 text-brand-700" />
          {t(`analysis.state.${analysis.status}`)}
        </p>
      );
    case 'done':
      return (
        <p className="text-sm text-slate-700">
          {t('analysis.state.done', { when: when(analysis.analysedAt) })}
          {analysis.reason === 'not_modified' ? ` ${t('analysis.state.notModified')}` : ''}
        </p>
      );
    case 'not_found':
      return (
        <Alert tone="error">
          <p className="font-medium">{t('analysis.state.notFound')}</p>
          <p>{t('analysis.state.notFoundHelp')}</p>
        </Alert>
      );
    case 'rate_limited':
      return (
        <Alert tone="info">
          {analysis.nextRetryAt
            ? t('analysis.state.rateLimited', { when: when(analysis.nextRetryAt) })
            : t('analysis.state.rateLimitedNoTime')}
        </Alert>
      );
    case 'failed':
      return (
        <Alert tone="error">
          {analysis.nextRetryAt
            ? t('analysis.state.failedRetry', { reason: reasonText(analysis.reason), when: when(analysis.nextRetryAt) })
            : t('analysis.state.failedFinal', { reason: reasonText(analysis.reason) })}
        </Alert>
      );
    default:
      return null;
  }
}

/** The automatic analysis of the submission's repository: the job's state and what it found. */
export function AnalysisCard({
  detail,
  orgSlug,
  timeZone,
  isLearner,
  skillTitleByKey,
}: {
  detail: SubmissionDetail;
  orgSlug: string;
  timeZone: string;
  isLearner: boolean;
  skillTitleByKey: Map<string, string>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const skillTitle = useSkillKeyTitle();
  const analysis = detail.analysis;
  const status: AnalysisStatus | 'none' = analysis?.status ?? 'none';
  const result = parseAnalysisResult(analysis?.result);
  const claimedKeys = useMemo(() => {
    const current = detail.revisions.find((r) => r.revision === detail.submission.currentRevision);
    const ids = new Set(current?.claimedSkillIds ?? []);
    return new Set(detail.skills.filter((s) => ids.has(s.id)).map((s) => s.key));
  }, [detail]);
  const reanalyse = useMutation(
    trpc.submissions.reanalyse.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.submissions.get.pathFilter()),
    }),
  );
  const busy = status === 'queued' || status === 'running';
  const trackKey = result?.track ? knownKey(`analysis.tracks.${result.track}`) : null;

  return (
    <Card data-testid="analysis-status" data-status={status}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <CardTitle>{t('analysis.title')}</CardTitle>
          <p className="text-sm text-slate-600">{t('analysis.description')}</p>
        </div>
        {detail.canReanalyse ? (
          <Button
            variant="secondary"
            size="sm"
            pending={reanalyse.isPending}
            disabled={busy}
            onClick={() => reanalyse.mutate({ orgSlug, submissionId: detail.submission.id })}
            data-testid="reanalyse"
          >
            <RefreshCw className="size-4" aria-hidden />
            {t('analysis.reanalyse')}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <div aria-live="polite" className="flex flex-col gap-2">
          <StatusLine analysis={analysis} timeZone={timeZone} />
          {reanalyse.error ? <Alert tone="error">{serverErrorMessage(reanalyse.error)}</Alert> : null}
        </div>
        {result ? (
          <>
            {status !== 'done' ? (
              <p className="flex items-center gap-2 text-xs text-slate-500">
                <AlertTriangle className="size-3.5" aria-hidden />
                {t('analysis.previousResult')}
              </p>
            ) : null}
            <Section title={t('analysis.repoTitle')}>
              {result.repo.description ? (
                <p className="text-sm text-slate-700" dir="auto">
                  {result.repo.description}
                </p>
              ) : null}
              <dl
                className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-4"
                data-testid="analysis-facts"
              >
                <Fact label={t('analysis.facts.defaultBranch')}>
                  <span className="inline-flex items-center gap-1">
                    <GitBranch className="size-3.5 text-slate-400" aria-hidden />
                    <bdi dir="ltr" className="font-mono text-xs">
                      {result.repo.defaultBranch}
                    </bdi>
                  </span>
                </Fact>
                <Fact label={t('analysis.facts.headSha')}>
                  <code dir="ltr" className="font-mono text-xs" title={result.repo.headSha} data-testid="head-sha">
                    {result.repo.headSha.slice(0, 7)}
                  </code>
                </Fact>
                <Fact label={t('analysis.facts.pushedAt')}>
                  {result.repo.pushedAt ? fmt.dateTime(result.repo.pushedAt, timeZone) : '—'}
                </Fact>
                <Fact label={t('analysis.facts.stars')}>
                  <span className="inline-flex items-center gap-1">
                    <Star className="size-3.5 text-amber-500" aria-hidden />
                    {fmt.number(result.repo.stars)}
                  </span>
                </Fact>
                <Fact label={t('analysis.facts.license')}>
                  {result.repo.license ? <bdi>{result.repo.license}</bdi> : t('analysis.facts.noLicense')}
                </Fact>
                <Fact label={t('analysis.facts.track')}>
                  {trackKey ? t(trackKey) : (result.track ?? t('analysis.tracks.none'))}
                </Fact>
                <Fact label={t('analysis.facts.state')}>
                  <span className="flex flex-wrap gap-1">
                    {result.repo.archived ? (
                      <Badge tone="warning" data-testid="repo-archived">
                        <Archive className="me-1 size-3" aria-hidden />
                        {t('analysis.facts.archived')}
                      </Badge>
                    ) : null}
                    {result.repo.fork ? (
                      <Badge tone="warning">
                        <GitFork className="me-1 size-3" aria-hidden />
                        {t('analysis.facts.fork')}
                      </Badge>
                    ) : null}
                    {!result.repo.archived && !result.repo.fork ? (
                      <Badge tone="success">{t('analysis.facts.active')}</Badge>
                    ) : null}
                  </span>
                </Fact>
              </dl>
              {result.repo.topics.length > 0 ? (
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="text-xs text-slate-500">{t('analysis.facts.topics')}</span>
                  {result.repo.topics.map((topic) => (
                    <bdi key={topic} dir="ltr" className="rounded-full bg-sky-50 px-2 py-0.5 text-xs text-sky-800">
                      {topic}
                    </bdi>
                  ))}
                </div>
              ) : null}
            </Section>
            <Section title={t('analysis.languages')}>
              <Languages languages={result.languages} />
            </Section>
            <Section title={t('analysis.suggestedSkills')}>
              <p className="text-xs text-slate-500">{t('analysis.suggestedHelp')}</p>
              {result.suggestedSkills.length === 0 ? (
                <p className="text-sm text-slate-500">{t('analysis.noSuggestions')}</p>
              ) : (
                <div className="flex flex-wrap gap-1.5" data-testid="suggested-skills">
                  {result.suggestedSkills.map((key) => (
                    <SkillChip
                      key={key}
                      skillKey={key}
                      title={skillTitle(key, skillTitleByKey.get(key))}
                      highlight={claimedKeys.has(key)}
                    />
                  ))}
                </div>
              )}
            </Section>
            <Section title={t('analysis.signals')}>
              {result.signals.length === 0 ? (
                <p className="text-sm text-slate-500">{t('analysis.noSignals')}</p>
              ) : (
                <ul
                  className="divide-y divide-slate-100 rounded-lg border border-slate-200"
                  data-testid="analysis-signals"
                >
                  {result.signals.map((signal, i) => {
                    const labelKey = knownKey(`analysis.signalKeys.${signal.key}`);
                    return (
                      <li
                        key={`${signal.key}-${i}`}
                        className="flex flex-col gap-1 px-3 py-2 sm:flex-row sm:items-center sm:gap-3"
                        data-signal={signal.key}
                      >
                        <span className="w-40 shrink-0 text-sm font-medium text-slate-900">
                          {labelKey ? t(labelKey) : signal.key}
                        </span>
                        <span className="min-w-0 flex-1" data-testid="signal-evidence">
                          <SignalEvidence evidence={signal.evidence} />
                        </span>
                        {signal.skillKeys.length > 0 ? (
                          <span className="flex flex-wrap gap-1">
                            {signal.skillKeys.map((key) => (
                              <span key={key} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                                {skillTitle(key, skillTitleByKey.get(key))}
                              </span>
                            ))}
                          </span>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </Section>
            <Section title={t('analysis.authorship')}>
              <Authorship
                authorship={result.authorship}
                githubLogin={detail.learner?.githubLogin ?? null}
                isLearner={isLearner}
              />
            </Section>
            {result.notes.length > 0 ? (
              <Section title={t('analysis.notes')}>
                <ul className="list-disc ps-5 text-sm text-slate-700" data-testid="analysis-notes">
                  {result.notes.map((note) => (
                    <li key={JSON.stringify(note)}>
                      <AnalysisNoteText note={note} />
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
