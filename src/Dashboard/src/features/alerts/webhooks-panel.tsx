import { useState, type FormEvent } from 'react';
import type { NewWebhook, Webhook } from '../../api/alert-types';
import { useAlertMutations, useDeliveriesQuery, useWebhooksQuery } from '../../hooks/use-alerts';
import { formatDateTime } from '../../lib/format';

function DeliveryLog(props: { projectId: string; webhookId: string }) {
  const deliveries = useDeliveriesQuery(props.projectId, props.webhookId);
  if (deliveries.data?.length === 0) return <p className="muted small">No deliveries yet.</p>;
  return (
    <table className="table delivery-log" data-testid="delivery-log">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Session</th>
          <th scope="col">Attempt</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data?.map((delivery) => (
          <tr key={delivery.id} data-testid="delivery-row">
            <td>{formatDateTime(delivery.attemptedAt)}</td>
            <td className="mono">{delivery.sessionId}</td>
            <td>{delivery.attempt}</td>
            <td>
              {delivery.outcome}
              {delivery.responseStatus !== null && ` (${delivery.responseStatus})`}
              {delivery.error && <span className="muted"> {delivery.error}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WebhookItem(props: { projectId: string; webhook: Webhook; onDelete: () => void }) {
  const [open, setOpen] = useState(false);
  const { webhook } = props;
  return (
    <li className="webhook" data-testid="webhook">
      <strong>{webhook.name}</strong> <span className="muted">{webhook.format} · {webhook.url}</span>{' '}
      <button type="button" className="button button--small" onClick={() => setOpen(!open)} data-testid="webhook-deliveries">
        {open ? 'Hide deliveries' : 'Deliveries'}
      </button>{' '}
      <button type="button" className="button button--small button--ghost" onClick={props.onDelete}>
        Delete
      </button>
      <div className="muted small">
        Signing secret: <code>{webhook.secret}</code>
      </div>
      {open && <DeliveryLog projectId={props.projectId} webhookId={webhook.id} />}
    </li>
  );
}

export function WebhooksPanel(props: { projectId: string }) {
  const webhooks = useWebhooksQuery(props.projectId);
  const { createWebhook, deleteWebhook } = useAlertMutations(props.projectId);
  const [draft, setDraft] = useState<NewWebhook>({ name: '', url: '', format: 'json' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    createWebhook.mutate({ ...draft, name: draft.name.trim(), url: draft.url.trim() });
  };
  return (
    <section className="panel panel--padded" aria-label="Webhooks">
      <h2>Webhooks</h2>
      <form className="filters" onSubmit={submit} aria-label="New webhook">
        <label className="field field--inline">
          <span className="field__label">Name</span>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="webhook-name" />
        </label>
        <label className="field field--inline field--grow">
          <span className="field__label">URL</span>
          <input type="url" value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} placeholder="https://hooks.slack.com/…" data-testid="webhook-url" />
        </label>
        <label className="field field--inline">
          <span className="field__label">Format</span>
          <select value={draft.format} onChange={(e) => setDraft({ ...draft, format: e.target.value as NewWebhook['format'] })} data-testid="webhook-format">
            <option value="json">JSON</option>
            <option value="slack">Slack</option>
            <option value="discord">Discord</option>
          </select>
        </label>
        <div className="filters__actions">
          <button type="submit" className="button button--primary" disabled={createWebhook.isPending} data-testid="webhook-create">
            Add webhook
          </button>
        </div>
        {createWebhook.error && (
          <p className="form-error" role="alert">
            {createWebhook.error.message}
          </p>
        )}
      </form>
      {webhooks.data?.length === 0 && <p className="muted">No webhooks yet.</p>}
      <ul className="signals-list">
        {webhooks.data?.map((webhook) => (
          <WebhookItem key={webhook.id} projectId={props.projectId} webhook={webhook} onDelete={() => deleteWebhook.mutate(webhook.id)} />
        ))}
      </ul>
    </section>
  );
}
