import { useState, type FormEvent } from 'react';
import type { AlertRule, NewAlertRule, Webhook } from '../../api/alert-types';
import { useAlertMutations, useAlertRulesQuery, useWebhooksQuery } from '../../hooks/use-alerts';
import { signalLabel, signalTypes } from '../signals/signal-labels';

/** What a rule watches for, in words: "Rage click on /checkout, score above 70". */
export function describeRule(rule: Pick<AlertRule, 'signalType' | 'urlContains' | 'minScore'>): string {
  const parts = [];
  if (rule.signalType) parts.push(signalLabel(rule.signalType) + (rule.urlContains ? ` on ${rule.urlContains}` : ''));
  if (rule.minScore !== null) parts.push(`score above ${rule.minScore}`);
  return parts.join(', ');
}

function RuleForm(props: { webhooks: readonly Webhook[]; onCreate: (rule: NewAlertRule) => void; error: Error | null; pending: boolean }) {
  const [name, setName] = useState('');
  const [signalType, setSignalType] = useState('');
  const [urlContains, setUrlContains] = useState('');
  const [minScore, setMinScore] = useState('');
  const [webhookIds, setWebhookIds] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onCreate({
      name: name.trim(),
      ...(signalType ? { signalType } : {}),
      ...(urlContains.trim() ? { urlContains: urlContains.trim() } : {}),
      ...(minScore.trim() ? { minScore: Number(minScore) } : {}),
      webhookIds,
    });
  };
  const toggle = (id: string) => setWebhookIds(webhookIds.includes(id) ? webhookIds.filter((w) => w !== id) : [...webhookIds, id]);
  return (
    <form className="filters" onSubmit={submit} aria-label="New alert rule">
      <label className="field field--inline field--grow">
        <span className="field__label">Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Rage click at checkout" data-testid="rule-name" />
      </label>
      <label className="field field--inline">
        <span className="field__label">Signal</span>
        <select value={signalType} onChange={(e) => setSignalType(e.target.value)} data-testid="rule-signal">
          <option value="">Any (score only)</option>
          {signalTypes.map((type) => (
            <option key={type} value={type}>
              {signalLabel(type)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span className="field__label">Page URL contains</span>
        <input value={urlContains} onChange={(e) => setUrlContains(e.target.value)} placeholder="/checkout" data-testid="rule-url" />
      </label>
      <label className="field field--inline field--narrow">
        <span className="field__label">Score above</span>
        <input type="number" min={0} max={99} value={minScore} onChange={(e) => setMinScore(e.target.value)} data-testid="rule-min-score" />
      </label>
      {props.webhooks.map((webhook) => (
        <label key={webhook.id} className="field field--inline">
          <input type="checkbox" checked={webhookIds.includes(webhook.id)} onChange={() => toggle(webhook.id)} data-testid="rule-webhook" />{' '}
          {webhook.name}
        </label>
      ))}
      <div className="filters__actions">
        <button type="submit" className="button button--primary" disabled={props.pending} data-testid="rule-create">
          Add rule
        </button>
      </div>
      {props.error && (
        <p className="form-error" role="alert">
          {props.error.message}
        </p>
      )}
    </form>
  );
}

export function RulesPanel(props: { projectId: string }) {
  const rules = useAlertRulesQuery(props.projectId);
  const webhooks = useWebhooksQuery(props.projectId);
  const { createRule, deleteRule } = useAlertMutations(props.projectId);
  const names = new Map((webhooks.data ?? []).map((webhook) => [webhook.id, webhook.name]));
  return (
    <section className="panel panel--padded" aria-label="Alert rules">
      <h2>Rules</h2>
      <RuleForm webhooks={webhooks.data ?? []} onCreate={(rule) => createRule.mutate(rule)} error={createRule.error} pending={createRule.isPending} />
      {rules.data?.length === 0 && <p className="muted">No rules yet.</p>}
      <ul className="signals-list">
        {rules.data?.map((rule) => (
          <li key={rule.id} className="alert-rule" data-testid="alert-rule">
            <strong>{rule.name}</strong>: {describeRule(rule)}
            <span className="muted"> → {rule.webhookIds.map((id) => names.get(id) ?? id).join(', ') || 'live only'}</span>
            {!rule.enabled && <span className="badge">off</span>}{' '}
            <button type="button" className="button button--small button--ghost" onClick={() => deleteRule.mutate(rule.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
