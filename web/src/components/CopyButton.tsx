import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './ui/button';

/** Copies `text` to the clipboard; false when neither the clipboard API nor the fallback could. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure context, permissions): fall back to a hidden textarea.
    const el = document.createElement('textarea');
    el.value = text;
    el.setAttribute('readonly', '');
    el.style.position = 'fixed';
    el.style.opacity = '0';
    document.body.appendChild(el);
    el.select();
    const ok = document.execCommand('copy');
    el.remove();
    return ok;
  }
}

export type CopyState = 'idle' | 'copied' | 'failed';

/** Copies text on demand and says how it went for two seconds (then idle again). */
export function useCopy() {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const id = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(id);
  }, [state]);
  /** `null`: nothing to copy (counts as failed). */
  const copy = async (text: string | null) => setState(text !== null && (await copyText(text)) ? 'copied' : 'failed');
  return { state, copy };
}

/** A copy button's icon and its label, which says "Copied" or "Copy failed" for a while after a copy. */
export function CopyStateLabel({ state, idle }: { state: CopyState; idle: string }) {
  const { t } = useTranslation();
  return (
    <>
      {state === 'copied' ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
      <span aria-live="polite">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : idle}
      </span>
    </>
  );
}

export function CopyButton({ text, testId = 'copy-link' }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  const { state, copy } = useCopy();
  return (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      onClick={() => copy(text)}
      data-testid={testId}
      data-state={state}
    >
      <CopyStateLabel state={state} idle={t('common.copy')} />
    </Button>
  );
}
