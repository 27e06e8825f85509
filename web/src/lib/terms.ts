import { useCallback, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { knownKey, type TranslationKey } from '../i18n';
import { OrgContext } from './org';

export type Term = (key: TranslationKey, options?: Record<string, unknown>) => string;

/**
 * Translations that follow the organisation's kind: in a company the same model reads
 * "onboarding plans" and "hires" instead of "cohorts" and "learners" (and a hire's start date is
 * their "first day"). A key `k` is looked up as `company.terms.k` first in a company (see
 * en.company.json), otherwise as `k`. Outside an organisation page this is plain `t`.
 */
export function useTerms(): { term: Term; isCompany: boolean } {
  const { t } = useTranslation();
  const kind = useContext(OrgContext)?.org.kind;
  const isCompany = kind === 'company';
  const term = useCallback<Term>(
    (key, options) => {
      // knownKey checks the base key (plural forms included) in the current language or fallback
      const alt = isCompany ? knownKey(`company.terms.${key}`, options) : null;
      return t(alt ?? key, options) as string;
    },
    [t, isCompany],
  );
  return { term, isCompany };
}
