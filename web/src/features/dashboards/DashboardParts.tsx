import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Skeleton } from '../../components/charts/ChartCard';
import { Card } from '../../components/ui/card';
import { cn } from '../../lib/utils';

/** "← back" above a page title. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="inline-flex w-fit items-center gap-1 text-sm text-brand-700 hover:underline">
      <ArrowLeft className="size-4 rtl:rotate-180" aria-hidden />
      {children}
    </Link>
  );
}

/** A headline number with its label. */
export function Stat({
  label,
  value,
  hint,
  testId,
  className,
  attrs,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
  className?: string;
  attrs?: Record<`data-${string}`, string | number>;
}) {
  return (
    <div className={cn('rounded-lg border border-slate-200 bg-white p-4', className)} data-testid={testId} {...attrs}>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint ? <dd className="mt-0.5 text-xs text-slate-600">{hint}</dd> : null}
    </div>
  );
}

/** The page-shaped placeholder while a dashboard loads. */
export function DashboardSkeleton({ charts = 2, label }: { charts?: number; label: string }) {
  return (
    <div className="flex flex-col gap-6" data-testid="dashboard-loading" aria-busy="true">
      <span className="sr-only" role="status">
        {label}
      </span>
      <Card className="flex flex-col gap-3 p-6">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-7 w-72 max-w-full" />
        <Skeleton className="h-4 w-56 max-w-full" />
      </Card>
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {Array.from({ length: charts }, (_, i) => (
          <Card key={i} className="flex flex-col gap-4 p-6">
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-64 w-full" />
          </Card>
        ))}
      </div>
    </div>
  );
}
