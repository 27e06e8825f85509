import { useQuery } from '@tanstack/react-query';
import { useFormat } from '../../lib/format';
import { useTRPC } from '../../trpc';

/** The number of submissions waiting in the caller's review queue (tab badge). */
export function QueueCountBadge({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const fmt = useFormat();
  const queue = useQuery({
    ...trpc.submissions.queue.queryOptions({ orgSlug: slug, page: 1, pageSize: 1, status: 'waiting' }),
    refetchInterval: 60_000,
  });
  const total = queue.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <span
      className="ms-1.5 inline-grid min-w-5 place-items-center rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white"
      data-testid="queue-count"
      data-count={total}
    >
      {fmt.number(total)}
    </span>
  );
}
