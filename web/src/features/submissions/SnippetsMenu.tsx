import { zodResolver } from '@hookform/resolvers/zod';
import { zTitle } from '@masar/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BookmarkPlus, ChevronDown, MessageSquareQuote, Settings2, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SelectField, TextareaField, TextField } from '../../components/FormField';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu';
import { applyServerErrors, serverErrorMessage } from '../../lib/forms';
import { useTRPC } from '../../trpc';

export interface SnippetSkill {
  id: string;
  title: string;
}

const snippetForm = z.object({
  title: zTitle,
  skillId: z.string(),
  body: z
    .string()
    .trim()
    .min(1, { message: 'errors.snippet.empty' })
    .max(5000, { message: 'errors.description.tooLong' }),
});

/** Radix places menus physically; in right-to-left "end" is the left edge. */
function useDir() {
  const { i18n } = useTranslation();
  return i18n.dir();
}

/**
 * The mentor's saved feedback snippets next to the comment box: insert one (for a skill of this
 * revision, or general), save the current text as a new one, delete old ones.
 */
export function SnippetsMenu({
  orgSlug,
  skills,
  currentText,
  onInsert,
}: {
  orgSlug: string;
  skills: SnippetSkill[];
  currentText: () => string;
  onInsert: (body: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const dir = useDir();
  const snippets = useQuery(trpc.submissions.snippets.queryOptions({ orgSlug }));
  const [saving, setSaving] = useState<string | null>(null);
  const [managing, setManaging] = useState(false);
  const skillIds = new Set(skills.map((s) => s.id));
  const list = snippets.data ?? [];
  const general = list.filter((s) => !s.skillId);
  const bySkill = skills
    .map((skill) => ({ skill, items: list.filter((s) => s.skillId === skill.id) }))
    .filter((g) => g.items.length > 0);
  const relevant = general.length + bySkill.reduce((n, g) => n + g.items.length, 0);

  return (
    <>
      <DropdownMenu dir={dir} modal={false}>
        <DropdownMenuTrigger asChild>
          <Button type="button" variant="secondary" size="sm" data-testid="snippets-menu">
            <MessageSquareQuote className="size-4" aria-hidden />
            {t('review.snippets.menu')}
            <ChevronDown className="size-4 text-slate-500" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align={dir === 'rtl' ? 'start' : 'end'}
          className="max-h-96 w-80 overflow-y-auto"
          data-testid="snippets-list"
        >
          {snippets.isPending ? <p className="px-2 py-1.5 text-sm text-slate-500">{t('common.loading')}</p> : null}
          {snippets.error ? (
            <p className="px-2 py-1.5 text-sm text-red-700">{serverErrorMessage(snippets.error)}</p>
          ) : null}
          {snippets.data && relevant === 0 ? (
            <p className="px-2 py-1.5 text-sm text-slate-500">{t('review.snippets.none')}</p>
          ) : null}
          {bySkill.map(({ skill, items }) => (
            <div key={skill.id}>
              <DropdownMenuLabel>
                <span dir="auto">{t('review.snippets.forSkill', { skill: skill.title })}</span>
              </DropdownMenuLabel>
              {items.map((s) => (
                <SnippetItem key={s.id} title={s.title} body={s.body} onSelect={() => onInsert(s.body)} />
              ))}
            </div>
          ))}
          {general.length > 0 ? (
            <div>
              <DropdownMenuLabel>{t('review.snippets.general')}</DropdownMenuLabel>
              {general.map((s) => (
                <SnippetItem key={s.id} title={s.title} body={s.body} onSelect={() => onInsert(s.body)} />
              ))}
            </div>
          ) : null}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setSaving(currentText())} data-testid="save-snippet">
            <BookmarkPlus className="size-4" aria-hidden />
            {t('review.snippets.save')}
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setManaging(true)} data-testid="manage-snippets">
            <Settings2 className="size-4" aria-hidden />
            {t('review.snippets.manage')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {saving !== null ? (
        <SaveSnippetDialog orgSlug={orgSlug} skills={skills} body={saving} onClose={() => setSaving(null)} />
      ) : null}
      <Dialog
        open={managing}
        onOpenChange={setManaging}
        title={t('review.snippets.manageTitle')}
        description={t('review.snippets.manageDescription')}
        testId="manage-snippets-dialog"
      >
        <ManageSnippets orgSlug={orgSlug} skills={skills} skillIds={skillIds} />
      </Dialog>
    </>
  );
}

function SnippetItem({ title, body, onSelect }: { title: string; body: string; onSelect: () => void }) {
  return (
    <DropdownMenuItem onSelect={onSelect} className="flex-col items-start gap-0.5" data-testid="snippet-item">
      <span className="w-full truncate font-medium text-slate-900" dir="auto">
        {title}
      </span>
      <span className="line-clamp-2 w-full text-xs text-slate-500" dir="auto">
        {body}
      </span>
    </DropdownMenuItem>
  );
}

function SaveSnippetDialog({
  orgSlug,
  skills,
  body,
  onClose,
}: {
  orgSlug: string;
  skills: SnippetSkill[];
  body: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(snippetForm),
    defaultValues: { title: '', skillId: '', body },
  });
  const save = useMutation(trpc.submissions.saveSnippet.mutationOptions());
  const {
    register,
    formState: { errors },
  } = form;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await save.mutateAsync({ orgSlug, title: values.title, body: values.body, skillId: values.skillId || null });
      await queryClient.invalidateQueries(trpc.submissions.snippets.pathFilter());
      onClose();
    } catch (err) {
      setFormError(applyServerErrors(form, err));
    }
  });
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('review.snippets.saveTitle')}
      description={t('review.snippets.saveDescription')}
      testId="save-snippet-dialog"
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="snippet-form">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <TextField label={t('review.snippets.name')} error={errors.title?.message} {...register('title')} />
        <SelectField label={t('review.snippets.skill')} error={errors.skillId?.message} {...register('skillId')}>
          <option value="">{t('review.snippets.skillGeneral')}</option>
          {skills.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </SelectField>
        <TextareaField
          label={t('review.snippets.body')}
          rows={6}
          dir="auto"
          error={errors.body?.message}
          {...register('body')}
        />
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" pending={save.isPending} data-testid="snippet-submit">
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ManageSnippets({
  orgSlug,
  skills,
  skillIds,
}: {
  orgSlug: string;
  skills: SnippetSkill[];
  skillIds: Set<string>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const snippets = useQuery(trpc.submissions.snippets.queryOptions({ orgSlug }));
  const remove = useMutation(
    trpc.submissions.deleteSnippet.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.submissions.snippets.pathFilter()),
    }),
  );
  const titleOf = (skillId: string | null) => {
    if (!skillId) return t('review.snippets.general');
    if (skillIds.has(skillId)) return skills.find((s) => s.id === skillId)?.title ?? '';
    return t('review.snippets.otherSkill');
  };
  if (snippets.isPending) return <p className="text-sm text-slate-500">{t('common.loading')}</p>;
  if (snippets.error) return <Alert tone="error">{serverErrorMessage(snippets.error)}</Alert>;
  return (
    <div className="flex flex-col gap-3">
      {remove.error ? <Alert tone="error">{serverErrorMessage(remove.error)}</Alert> : null}
      {snippets.data.length === 0 ? (
        <p className="text-sm text-slate-500">{t('review.snippets.none')}</p>
      ) : (
        <ul className="flex max-h-96 flex-col divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200">
          {snippets.data.map((s) => (
            <li key={s.id} className="flex items-start gap-3 px-3 py-2" data-testid="managed-snippet">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900" dir="auto">
                  {s.title}
                </p>
                <p className="text-xs text-slate-500" dir="auto">
                  {titleOf(s.skillId)}
                </p>
                <p className="mt-1 line-clamp-2 text-xs text-slate-600" dir="auto">
                  {s.body}
                </p>
              </div>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                className="shrink-0 text-red-700 hover:bg-red-50"
                pending={remove.isPending && remove.variables?.id === s.id}
                onClick={() => remove.mutate({ orgSlug, id: s.id })}
                data-testid="delete-snippet"
                aria-label={t('review.snippets.deleteNamed', { title: s.title })}
              >
                <Trash2 className="size-4" aria-hidden />
                {t('review.snippets.delete')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
