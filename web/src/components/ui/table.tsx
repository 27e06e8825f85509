import type * as React from 'react';
import { cn } from '../../lib/utils';

export function Table({ className, ...props }: React.ComponentProps<'table'>) {
  return (
    <div className="relative w-full overflow-x-auto">
      <table className={cn('w-full border-collapse text-sm', className)} {...props} />
    </div>
  );
}
export function THead(props: React.ComponentProps<'thead'>) {
  return <thead className="border-b border-slate-200 bg-slate-50" {...props} />;
}
export function TBody(props: React.ComponentProps<'tbody'>) {
  return <tbody className="divide-y divide-slate-100" {...props} />;
}
export function TR({ className, ...props }: React.ComponentProps<'tr'>) {
  return <tr className={cn('hover:bg-slate-50/60', className)} {...props} />;
}
export function TH({ className, ...props }: React.ComponentProps<'th'>) {
  return (
    <th
      className={cn('px-4 py-2.5 text-start text-xs font-semibold uppercase tracking-wide text-slate-600', className)}
      {...props}
    />
  );
}
export function TD({ className, ...props }: React.ComponentProps<'td'>) {
  return <td className={cn('px-4 py-3 align-middle text-slate-800', className)} {...props} />;
}
