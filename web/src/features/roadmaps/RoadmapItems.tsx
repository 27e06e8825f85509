import { ExternalLink, Plus } from 'lucide-react';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StateMessage } from '../../components/StateMessage';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card';
import { useRoadmapText } from '../../lib/roadmapText';
import { cn } from '../../lib/utils';
import type { Brief, Resource, RoadmapData } from './roadmapData';
import { RowActions, SkillChips } from './SkillRow';

/**
 * The briefs or the resources of the roadmap: a card with its heading, an "add" button while
 * editing, and a row per item (`renderItem` draws the row's content around the row's actions).
 */
function ItemsCard<T extends Brief | Resource>({
  kind,
  title,
  description,
  addLabel,
  emptyTitle,
  items,
  listClassName,
  itemClassName,
  archivedClassName,
  renderItem,
  editing,
  onAdd,
  onEdit,
  onArchive,
  busyId,
}: {
  kind: 'brief' | 'resource';
  title: string;
  description: string;
  addLabel: string;
  emptyTitle: string;
  items: T[];
  listClassName: string;
  itemClassName: string;
  archivedClassName: string;
  renderItem: (
    item: T,
    row: { title: string; description: string; archived: boolean; actions: ReactNode },
  ) => ReactNode;
  editing: boolean;
  onAdd: () => void;
  onEdit: (item: T) => void;
  onArchive: (item: T, archived: boolean) => void;
  busyId: string | undefined;
}) {
  const text = useRoadmapText();
  return (
    <Card data-testid={`${kind}s`}>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <CardTitle>{title}</CardTitle>
            <CardDescription>{description}</CardDescription>
          </div>
          {editing ? (
            <Button variant="secondary" size="sm" onClick={onAdd} data-testid={`add-${kind}`}>
              <Plus className="size-4" aria-hidden />
              {addLabel}
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <StateMessage kind="empty" title={emptyTitle} />
        ) : (
          <ul className={listClassName}>
            {items.map((item) => {
              const shown = text(kind, item);
              const archived = Boolean(item.archivedAt);
              return (
                <li
                  key={item.id}
                  className={cn(itemClassName, archived && archivedClassName)}
                  data-testid={kind}
                  data-id={item.id}
                  data-archived={archived ? 'true' : 'false'}
                >
                  {renderItem(item, {
                    ...shown,
                    archived,
                    actions: (
                      <RowActions
                        editing={editing}
                        archived={archived}
                        busy={busyId === item.id}
                        title={shown.title}
                        kind={kind}
                        onEdit={() => onEdit(item)}
                        onArchive={(a) => onArchive(item, a)}
                      />
                    ),
                  })}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

type ItemsCardProps<T extends Brief | Resource> = Pick<
  ComponentProps<typeof ItemsCard<T>>,
  'editing' | 'onAdd' | 'onEdit' | 'onArchive' | 'busyId'
> & { data: RoadmapData };

export function BriefsCard({ data, ...props }: ItemsCardProps<Brief>) {
  const { t } = useTranslation();
  return (
    <ItemsCard
      kind="brief"
      title={t('roadmap.briefsTitle')}
      description={t('roadmap.briefsDescription')}
      addLabel={t('roadmap.addBrief')}
      emptyTitle={t('roadmap.noBriefs')}
      items={data.briefs}
      listClassName="grid gap-4 lg:grid-cols-2"
      itemClassName="rounded-lg border border-slate-200 p-4"
      archivedClassName="border-dashed opacity-70"
      renderItem={(b, { title, description, archived, actions }) => (
        <>
          <div className="flex items-start justify-between gap-2">
            <h3 className="font-medium text-slate-900">
              {title}
              {archived ? <Badge className="ms-2">{t('common.archived')}</Badge> : null}
            </h3>
            {actions}
          </div>
          {description ? <p className="mt-1 text-sm leading-relaxed text-slate-600">{description}</p> : null}
          <SkillChips data={data} skillIds={b.skillIds} />
        </>
      )}
      {...props}
    />
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function ResourcesCard({ data, ...props }: ItemsCardProps<Resource>) {
  const { t } = useTranslation();
  return (
    <ItemsCard
      kind="resource"
      title={t('roadmap.resourcesTitle')}
      description={t('roadmap.resourcesDescription')}
      addLabel={t('roadmap.addResource')}
      emptyTitle={t('roadmap.noResources')}
      items={data.resources}
      listClassName="divide-y divide-slate-100"
      itemClassName="flex items-start justify-between gap-3 py-3"
      archivedClassName="opacity-60"
      renderItem={(r, { title, archived, actions }) => (
        <>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <a
                href={r.url}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex items-center gap-1 font-medium text-brand-800 hover:underline"
                data-testid="resource-link"
              >
                {title}
                <ExternalLink className="size-3.5 shrink-0 rtl:-scale-x-100" aria-hidden />
                <span className="sr-only">{t('common.opensInNewTab')}</span>
              </a>
              <Badge tone="brand" data-testid="resource-kind">
                {t(`resourceKinds.${r.kind}`, { defaultValue: r.kind })}
              </Badge>
              {archived ? <Badge>{t('common.archived')}</Badge> : null}
            </div>
            <bdi dir="ltr" className="text-xs text-slate-500">
              {hostOf(r.url)}
            </bdi>
            <SkillChips data={data} skillIds={r.skillIds} />
          </div>
          {actions}
        </>
      )}
      {...props}
    />
  );
}
