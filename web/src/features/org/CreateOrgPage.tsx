import { zodResolver } from '@hookform/resolvers/zod';
import { createOrgInput, ORG_KINDS, slugify } from '@masar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormError, SelectField, TextField } from '../../components/FormField';
import { PageHeader } from '../../components/Layout';
import { Button } from '../../components/ui/button';
import { Card, CardContent } from '../../components/ui/card';
import { applyServerErrors } from '../../lib/forms';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useTRPC } from '../../trpc';

export const DEFAULT_TIME_ZONE = 'Africa/Cairo';

/** Every IANA time zone the browser knows, always including `current`. */
export function useTimeZones(current?: string) {
  return useMemo(() => {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [DEFAULT_TIME_ZONE, 'UTC'];
    }
    const all = new Set(zones);
    all.add(DEFAULT_TIME_ZONE);
    if (current) all.add(current);
    return [...all].sort();
  }, [current]);
}

/** Arabic letters in Latin (a simple, readable transliteration for web addresses). */
const ARABIC_LATIN: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'g',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'z',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: 'a',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'w',
  ى: 'a',
  ي: 'y',
  '٠': '0',
  '١': '1',
  '٢': '2',
  '٣': '3',
  '٤': '4',
  '٥': '5',
  '٦': '6',
  '٧': '7',
  '٨': '8',
  '٩': '9',
};

/** The suggested address for a name: Latin letters as they are, Arabic ones transliterated. */
export function suggestSlug(name: string): string {
  const latin = [...name].map((c) => ARABIC_LATIN[c] ?? c).join('');
  const slug = slugify(latin);
  return slug.length >= 3 || slug === '' ? slug : `${slug}-org`;
}

export function CreateOrgPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('createOrg.title'));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const timeZones = useTimeZones();
  const slugEdited = useRef(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(createOrgInput),
    defaultValues: { name: '', slug: '', kind: 'bootcamp' as const, timeZone: DEFAULT_TIME_ZONE },
  });
  const create = useMutation(trpc.org.create.mutationOptions());
  const {
    register,
    watch,
    formState: { errors },
  } = form;
  const slug = watch('slug');

  const nameField = register('name', {
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      if (!slugEdited.current)
        form.setValue('slug', suggestSlug(e.target.value), { shouldValidate: form.formState.isSubmitted });
    },
  });
  const slugField = register('slug', {
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      // Once the user types their own slug we stop suggesting; clearing it resumes suggestions.
      slugEdited.current = e.target.value !== '';
    },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const defaultLocale = i18n.language.startsWith('ar') ? ('ar' as const) : ('en' as const);
      const org = await create.mutateAsync({ ...values, defaultLocale });
      await queryClient.invalidateQueries(trpc.org.mine.queryFilter());
      await navigate(routes.org(org.slug));
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });

  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('createOrg.title')} description={t('createOrg.description')} />
      <Card>
        <CardContent>
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="create-org-form">
            <FormError message={formError} />
            <TextField
              label={t('fields.orgName')}
              autoComplete="organization"
              error={errors.name?.message}
              {...nameField}
            />
            <TextField
              label={t('fields.slug')}
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              error={errors.slug?.message}
              hint={
                <>
                  {t('createOrg.slugHint')}{' '}
                  <bdi dir="ltr" className="font-medium text-slate-700" data-testid="slug-preview">
                    /o/{slug || '…'}
                  </bdi>
                </>
              }
              {...slugField}
            />
            <div className="grid gap-5 sm:grid-cols-2">
              <SelectField label={t('fields.kind')} error={errors.kind?.message} {...register('kind')}>
                {ORG_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`orgKinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('fields.timeZone')}
                dir="ltr"
                error={errors.timeZone?.message}
                {...register('timeZone')}
              >
                {timeZones.map((tz) => (
                  <option key={tz} value={tz}>
                    {tz}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="flex justify-end gap-3 pt-2">
              <Button asChild variant="secondary">
                <Link to="/">{t('common.cancel')}</Link>
              </Button>
              <Button type="submit" pending={create.isPending} data-testid="create-org-submit">
                {t('createOrg.submit')}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
