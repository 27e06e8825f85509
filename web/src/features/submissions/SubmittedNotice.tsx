import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Alert } from '../../components/ui/alert';
import type { SubmissionDetail } from './common';

/**
 * "Submitted": shown once, right after the learner submits (the submit form's navigation state),
 * and only while it is true: the analysis part while the analysis runs, the mentors part as the
 * server said (told, or no mentor to tell yet). Gone after a reload (the state is cleared from
 * history), a new review, or another revision.
 */
export function SubmittedNotice({ detail }: { detail: SubmissionDetail }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [sent] = useState(() => {
    const state = location.state as { submittedRevision?: unknown; mentorsNotified?: unknown } | null;
    return typeof state?.submittedRevision === 'number'
      ? { revision: state.submittedRevision, mentorsNotified: state.mentorsNotified !== false }
      : null;
  });
  useEffect(() => {
    // a reload or a way back here must not say it again
    if (sent) void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [sent, navigate, location.pathname, location.search]);
  const { submission, analysis } = detail;
  if (!sent || submission.currentRevision !== sent.revision || submission.status !== 'submitted') return null;
  const analysing = analysis?.status === 'queued' || analysis?.status === 'running';
  return (
    <Alert
      tone={sent.mentorsNotified ? 'success' : 'warning'}
      data-testid="submission-notice"
      data-mentors-notified={sent.mentorsNotified}
    >
      {t('submissions.page.submittedShort', { n: sent.revision })}
      {analysing ? ` ${t('submissions.page.submittedAnalysing')}` : ''}{' '}
      {sent.mentorsNotified ? t('submissions.page.submittedNotified') : t('submissions.page.submittedNoMentor')}
    </Alert>
  );
}
