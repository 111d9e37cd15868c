import { array, boolean, isoDate, nullable, number, object, string, type Decoded } from './decode';

/** Alert rules, webhooks and the delivery log (docs/api.md, "Alerts"). */

export const webhookDecoder = object({
  id: string,
  projectId: string,
  name: string,
  url: string,
  format: string,
  secret: string,
  createdAt: isoDate,
});
export type Webhook = Decoded<typeof webhookDecoder>;

export const alertRuleDecoder = object({
  id: string,
  projectId: string,
  name: string,
  signalType: nullable(string),
  urlContains: nullable(string),
  minScore: nullable(number),
  webhookIds: array(string),
  enabled: boolean,
  createdAt: isoDate,
});
export type AlertRule = Decoded<typeof alertRuleDecoder>;

export const deliveryDecoder = object({
  id: string,
  ruleId: string,
  sessionId: string,
  attempt: number,
  outcome: string,
  responseStatus: nullable(number),
  error: nullable(string),
  attemptedAt: isoDate,
});
export type Delivery = Decoded<typeof deliveryDecoder>;

export interface NewWebhook {
  readonly name: string;
  readonly url: string;
  readonly format: 'json' | 'slack' | 'discord';
}

export interface NewAlertRule {
  readonly name: string;
  readonly signalType?: string;
  readonly urlContains?: string;
  readonly minScore?: number;
  readonly webhookIds: readonly string[];
}
