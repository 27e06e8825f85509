import type { AppRouter } from '@masar/server';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (count, err) => {
          const code = err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
          if (code && ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(code)) return false;
          return count < 2;
        },
      },
    },
  });
}

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: '/trpc', transformer: superjson })],
  });
}

export interface AppErrorData {
  code?: string;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  field?: string | null;
  retryAfterSeconds?: number | null;
}

export function errorData(err: unknown): AppErrorData | undefined {
  return err instanceof TRPCClientError ? (err.data as AppErrorData | undefined) : undefined;
}
