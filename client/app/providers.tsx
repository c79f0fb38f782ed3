import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Notices } from '../components/ui/notices.tsx';
import { createQueryClient } from '../lib/query-client.ts';
import { applyTheme, themeStore } from '../lib/theme.ts';

/** Everything the app needs around it: server state, the theme, the notice area. */
export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  const theme = themeStore.useValue();
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Notices />
    </QueryClientProvider>
  );
}
