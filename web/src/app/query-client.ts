import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';

/** One query client: no retries of answers the server gave on purpose (4xx), one retry otherwise. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
    },
  },
});
