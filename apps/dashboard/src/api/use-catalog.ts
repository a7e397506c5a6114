import { useQuery } from '@tanstack/react-query';
import { api, call } from './client';

export function useCatalog() {
  return useQuery({
    queryKey: ['event-types'],
    queryFn: () => call(api.GET('/v1/webhooks/event-types')),
    staleTime: 5 * 60_000,
  });
}

export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => call(api.GET('/v1/settings')) });
}
