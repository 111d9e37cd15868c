import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewAlertRule, NewWebhook } from '../api/alert-types';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

export function useWebhooksQuery(projectId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.webhooks(projectId ?? ''),
    enabled: projectId !== null,
    queryFn: ({ signal }) => api.listWebhooks(projectId ?? '', signal),
  });
}

export function useAlertRulesQuery(projectId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.alertRules(projectId ?? ''),
    enabled: projectId !== null,
    queryFn: ({ signal }) => api.listAlertRules(projectId ?? '', signal),
  });
}

/** A webhook's delivery log, refetched while shown: deliveries and their retries happen in the background. */
export function useDeliveriesQuery(projectId: string, webhookId: string, refetchIntervalMs = 5_000) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.deliveries(projectId, webhookId),
    queryFn: ({ signal }) => api.listDeliveries(projectId, webhookId, signal),
    refetchInterval: refetchIntervalMs,
  });
}

export function useAlertMutations(projectId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['alerts', projectId] });
  return {
    createWebhook: useMutation({ mutationFn: (webhook: NewWebhook) => api.createWebhook(projectId, webhook), onSuccess: refresh }),
    deleteWebhook: useMutation({ mutationFn: (id: string) => api.deleteWebhook(projectId, id), onSuccess: refresh }),
    createRule: useMutation({ mutationFn: (rule: NewAlertRule) => api.createAlertRule(projectId, rule), onSuccess: refresh }),
    deleteRule: useMutation({ mutationFn: (id: string) => api.deleteAlertRule(projectId, id), onSuccess: refresh }),
  };
}
