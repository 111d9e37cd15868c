import { useState } from 'react';
import type { Project } from '../../api/types';
import { CopyButton } from '../../components/copy-button';
import { useUpdateProject } from '../../hooks/use-projects';
import { useConfig } from '../../lib/config';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { buildInstallSnippet } from './install-snippet';
import { LiveConsentToggle } from './live-consent-toggle';
import { PrivateTraitsField } from './private-traits-field';
import { formatOrigins, parseOrigins } from './origins';

function OriginsEditor(props: { project: Project }) {
  const update = useUpdateProject();
  const saved = formatOrigins(props.project.allowedOrigins);
  const [text, setText] = useState(saved);
  const parsed = parseOrigins(text);
  const dirty = formatOrigins(parsed.origins) !== saved;

  const save = () => {
    if (parsed.invalid.length > 0) return;
    update.mutate(
      { id: props.project.id, changes: { allowedOrigins: parsed.origins } },
      { onSuccess: (project) => setText(formatOrigins(project.allowedOrigins)) },
    );
  };

  return (
    <div className="project-card__section">
      <label className="field">
        <span className="field__label">Allowed origins</span>
        <textarea
          rows={Math.max(2, parsed.origins.length + 1)}
          value={text}
          placeholder="https://shop.example.com (one per line; empty allows every origin)"
          onChange={(event) => setText(event.target.value)}
          data-testid="allowed-origins"
        />
      </label>
      <p className="hint">
        {parsed.origins.length === 0
          ? 'No origins listed: pages on any origin may send recordings with this key.'
          : 'Only pages on these origins may send recordings with this key.'}
      </p>
      {parsed.invalid.length > 0 && (
        <p className="form-error">Not an origin: {parsed.invalid.join(', ')} (use scheme://host[:port]).</p>
      )}
      {update.error && <p className="form-error">{update.error.message}</p>}
      <div className="row-actions">
        <button
          type="button"
          className="button button--primary button--small"
          disabled={!dirty || parsed.invalid.length > 0 || update.isPending}
          onClick={save}
        >
          {update.isPending ? 'Saving…' : 'Save origins'}
        </button>
        {update.isSuccess && !dirty && <span className="muted">Saved</span>}
      </div>
    </div>
  );
}

export function ProjectCard(props: { project: Project }) {
  const { project } = props;
  const { origin } = useConfig();
  const snippet = buildInstallSnippet(origin, project.ingestKey);
  return (
    <article className="panel project-card" data-testid="project-card" data-project-id={project.id}>
      <header className="project-card__header">
        <div>
          <h2>{project.name}</h2>
          <p className="muted">
            <code>{project.id}</code> · created {formatDateTime(project.createdAt)}
          </p>
        </div>
        <a className="button button--small" href={hrefFor({ name: 'sessions', projectId: project.id })}>
          View sessions
        </a>
      </header>
      <div className="project-card__section">
        <span className="field__label">Ingest key</span>
        <div className="key-row">
          <code className="key-row__value" data-testid="ingest-key">
            {project.ingestKey}
          </code>
          <CopyButton text={project.ingestKey} testId="copy-ingest-key" />
        </div>
        <p className="hint">Public by design: it ships in your pages and can only write recordings.</p>
      </div>
      <OriginsEditor project={project} />
      <LiveConsentToggle project={project} />
      <PrivateTraitsField project={project} />
      <div className="project-card__section">
        <div className="key-row key-row--spread">
          <span className="field__label">Install snippet</span>
          <CopyButton text={snippet} label="Copy snippet" testId="copy-snippet" />
        </div>
        <pre className="snippet" data-testid="install-snippet">
          {snippet}
        </pre>
      </div>
    </article>
  );
}
