import { zodResolver } from '@hookform/resolvers/zod';
import { duplicateRoadmapInput } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, Map as MapIcon } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormError, TextField } from '../../components/FormField';
import { QueryState } from '../../components/QueryState';
import { RequirePermission } from '../../components/RequirePermission';
import { StateMessage } from '../../components/StateMessage';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { Dialog } from '../../components/ui/dialog';
import { Table, TBody, TD, TH, THead, TR } from '../../components/ui/table';
import { useFormat } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import { useOrg } from '../../lib/org';
import { useRoadmapText } from '../../lib/roadmapText';
import { routes } from '../../lib/routes';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { type RouterOutputs, useTRPC } from '../../trpc';

type RoadmapRow = RouterOutputs['roadmaps']['list'][number];

export function RoadmapsPage() {
  return (
    <RequirePermission permission="roadmaps.read">
      <RoadmapList />
    </RequirePermission>
  );
}

function RoadmapList() {
  const { t } = useTranslation();
  useDocumentTitle(t('roadmaps.title'));
  const trpc = useTRPC();
  const fmt = useFormat();
  const text = useRoadmapText();
  const { org, slug, can } = useOrg();
  const [duplicating, setDuplicating] = useState<RoadmapRow | null>(null);
  const list = useQuery(trpc.roadmaps.list.queryOptions({ orgSlug: slug }));
  const edit = can('roadmaps.edit');

  return (
    <Card>
      <CardHeader className="pb-4">
        <CardTitle>{t('roadmaps.title')}</CardTitle>
        <CardDescription>{edit ? t('roadmaps.descriptionEdit') : t('roadmaps.description')}</CardDescription>
      </CardHeader>
      <div className="px-6 pb-6">
        <QueryState
          isPending={list.isPending}
          error={list.error}
          onRetry={() => list.refetch()}
          errorTitle={t('roadmaps.loadError')}
        >
          {list.data && list.data.length === 0 ? (
            <StateMessage kind="empty" title={t('roadmaps.empty')} />
          ) : list.data ? (
            <div className="overflow-hidden rounded-lg border border-slate-200">
              <Table data-testid="roadmaps-table">
                <THead>
                  <tr>
                    <TH>{t('fields.title')}</TH>
                    <TH>{t('roadmaps.updated')}</TH>
                    {edit ? (
                      <TH className="text-end">
                        <span className="sr-only">{t('common.actions')}</span>
                      </TH>
                    ) : null}
                  </tr>
                </THead>
                <TBody>
                  {list.data.map((r) => {
                    const shown = text('roadmap', r);
                    return (
                      <TR key={r.id} data-testid="roadmap-row" data-id={r.id} data-title={shown.title}>
                        <TD>
                          <div className="flex flex-wrap items-center gap-2">
                            <MapIcon className="size-4 shrink-0 text-brand-700" aria-hidden />
                            <Link
                              to={routes.roadmap(slug, r.id)}
                              className="font-medium text-brand-800 hover:underline"
                              data-testid="roadmap-link"
                            >
                              {shown.title}
                            </Link>
                            {r.builtinKey ? <Badge tone="brand">{t('roadmaps.builtin')}</Badge> : null}
                            {r.archivedAt ? <Badge>{t('common.archived')}</Badge> : null}
                          </div>
                          {shown.description ? (
                            <p className="mt-1 line-clamp-2 max-w-3xl text-xs text-slate-500">{shown.description}</p>
                          ) : null}
                        </TD>
                        <TD className="whitespace-nowrap">{fmt.date(r.updatedAt, org.timeZone)}</TD>
                        {edit ? (
                          <TD className="text-end">
                            <Button
                              variant="ghost"
                              size="sm"
                              onClick={() => setDuplicating(r)}
                              data-testid="duplicate-roadmap"
                            >
                              <Copy className="size-4" aria-hidden />
                              {t('roadmaps.duplicate')}
                            </Button>
                          </TD>
                        ) : null}
                      </TR>
                    );
                  })}
                </TBody>
              </Table>
            </div>
          ) : null}
        </QueryState>
      </div>
      {duplicating ? (
        <DuplicateDialog
          roadmap={duplicating}
          sourceTitle={text('roadmap', duplicating).title}
          onClose={() => setDuplicating(null)}
        />
      ) : null}
    </Card>
  );
}

function DuplicateDialog({
  roadmap,
  sourceTitle,
  onClose,
}: {
  roadmap: RoadmapRow;
  sourceTitle: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { slug } = useOrg();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(duplicateRoadmapInput),
    defaultValues: { roadmapId: roadmap.id, title: t('roadmaps.copyOf', { title: sourceTitle }) },
  });
  const duplicate = useMutation(trpc.roadmaps.duplicate.mutationOptions());
  const {
    register,
    formState: { errors },
  } = form;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const copy = await duplicate.mutateAsync({ orgSlug: slug, ...values });
      await queryClient.invalidateQueries(trpc.roadmaps.pathFilter());
      onClose();
      await navigate(routes.roadmap(slug, copy.id));
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={t('roadmaps.duplicateTitle')}
      description={t('roadmaps.duplicateDescription')}
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="duplicate-form">
        <FormError message={formError} />
        <TextField label={t('fields.title')} error={errors.title?.message} {...register('title')} />
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" pending={duplicate.isPending} data-testid="duplicate-submit">
            {t('roadmaps.duplicate')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
