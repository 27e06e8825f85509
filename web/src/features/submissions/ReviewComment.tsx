import { useRef } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../components/FormField';
import { Textarea } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import type { ReviewSkill, ReviewValues } from './ReviewSkills';
import { SnippetsMenu } from './SnippetsMenu';

/** The review's Markdown comment, with the saved-snippets menu that inserts at the caret. */
export function ReviewComment({
  form,
  orgSlug,
  skills,
}: {
  form: UseFormReturn<ReviewValues>;
  orgSlug: string;
  skills: ReviewSkill[];
}) {
  const { t } = useTranslation();
  const { register, getValues, setValue } = form;
  const commentField = register('comment');
  const commentRef = useRef<HTMLTextAreaElement | null>(null);
  const commentError = useErrorText(form.formState.errors.comment?.message);

  const insert = (body: string) => {
    const el = commentRef.current;
    const value = getValues('comment');
    const startPos = el?.selectionStart ?? value.length;
    const endPos = el?.selectionEnd ?? value.length;
    const before = value.slice(0, startPos);
    const after = value.slice(endPos);
    const sep = before && !before.endsWith('\n') ? '\n\n' : '';
    setValue('comment', `${before}${sep}${body}${after}`, { shouldDirty: true });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const caret = before.length + sep.length + body.length;
      el.setSelectionRange(caret, caret);
    });
  };

  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <Label htmlFor="review-comment">{t('review.comment')}</Label>
        <SnippetsMenu
          orgSlug={orgSlug}
          skills={skills.map((s) => ({ id: s.id, title: s.title }))}
          currentText={() => getValues('comment')}
          onInsert={insert}
        />
      </div>
      <Textarea
        id="review-comment"
        rows={8}
        dir="auto"
        aria-invalid={commentError ? true : undefined}
        aria-describedby={commentError ? 'review-comment-error' : 'review-comment-hint'}
        {...commentField}
        ref={(el) => {
          commentField.ref(el);
          commentRef.current = el;
        }}
      />
      {commentError ? (
        <p id="review-comment-error" className="text-xs font-medium text-red-700" data-testid="error-comment">
          {commentError}
        </p>
      ) : (
        <p id="review-comment-hint" className="text-xs text-slate-500">
          {t('review.commentHint')}
        </p>
      )}
    </div>
  );
}
