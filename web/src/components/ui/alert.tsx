import { AlertCircle, AlertTriangle, CheckCircle2, Info } from 'lucide-react';
import type * as React from 'react';
import { cn } from '../../lib/utils';

const tones = {
  error: { cls: 'border-red-200 bg-red-50 text-red-900', Icon: AlertCircle },
  success: { cls: 'border-green-200 bg-green-50 text-green-900', Icon: CheckCircle2 },
  info: { cls: 'border-sky-200 bg-sky-50 text-sky-900', Icon: Info },
  warning: { cls: 'border-amber-300 bg-amber-50 text-amber-950', Icon: AlertTriangle },
} as const;

export function Alert({
  tone = 'info',
  className,
  children,
  ...props
}: React.ComponentProps<'div'> & { tone?: keyof typeof tones }) {
  const { cls, Icon } = tones[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('flex gap-3 rounded-lg border p-3 text-sm', cls, className)}
      {...props}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
