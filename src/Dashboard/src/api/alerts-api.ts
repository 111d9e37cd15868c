import { alertRuleDecoder, deliveryDecoder, webhookDecoder, type AlertRule, type Delivery, type NewAlertRule, type NewWebhook, type Webhook } from './alert-types';
import { array } from './decode';
import type { Http } from './http';

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}`;

/** The alert part of the typed client; merged into SessionKitApi. */
export interface AlertsApi {
  listWebhooks(projectId: string, signal?: AbortSignal): Promise<Webhook[]>;
  createWebhook(projectId: string, webhook: NewWebhook): Promise<Webhook>;
  deleteWebhook(projectId: string, webhookId: string): Promise<void>;
  listDeliveries(projectId: string, webhookId: string, signal?: AbortSignal): Promise<Delivery[]>;
  listAlertRules(projectId: string, signal?: AbortSignal): Promise<AlertRule[]>;
  createAlertRule(projectId: string, rule: NewAlertRule): Promise<AlertRule>;
  deleteAlertRule(projectId: string, ruleId: string): Promise<void>;
}

export function createAlertsApi(http: Http): AlertsApi {
  return {
    listWebhooks: (projectId, signal) => http.request(`${base(projectId)}/webhooks`, array(webhookDecoder), { signal }),
    createWebhook: (projectId, webhook) => http.request(`${base(projectId)}/webhooks`, webhookDecoder, { method: 'POST', body: webhook }),
    deleteWebhook: (projectId, webhookId) => http.send(`${base(projectId)}/webhooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE' }),
    listDeliveries: (projectId, webhookId, signal) =>
      http.request(`${base(projectId)}/webhooks/${encodeURIComponent(webhookId)}/deliveries`, array(deliveryDecoder), { signal }),
    listAlertRules: (projectId, signal) => http.request(`${base(projectId)}/alert-rules`, array(alertRuleDecoder), { signal }),
    createAlertRule: (projectId, rule) => http.request(`${base(projectId)}/alert-rules`, alertRuleDecoder, { method: 'POST', body: rule }),
    deleteAlertRule: (projectId, ruleId) => http.send(`${base(projectId)}/alert-rules/${encodeURIComponent(ruleId)}`, { method: 'DELETE' }),
  };
}
