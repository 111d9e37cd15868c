import type { Project } from '../../api/types';
import { useUpdateProject } from '../../hooks/use-projects';

/** `requireLiveConsent`: saved as soon as it is switched (PATCH), shown as requested while saving. */
export function LiveConsentToggle(props: { project: Project }) {
  const { project } = props;
  const update = useUpdateProject();
  const requested = update.isPending ? update.variables.changes.requireLiveConsent : undefined;
  const checked = requested ?? project.requireLiveConsent;

  return (
    <div className="project-card__section">
      <label className="check-field">
        <input
          type="checkbox"
          checked={checked}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ id: project.id, changes: { requireLiveConsent: event.target.checked } })}
          data-testid="require-live-consent"
        />
        <span>Ask visitors for consent before anyone watches live</span>
      </label>
      <p className="hint">
        {checked
          ? 'A live viewer sees nothing until the visitor agrees in their page; replays of recorded sessions are not affected.'
          : 'Administrators can watch any active session live without asking the visitor.'}
      </p>
      {update.error && <p className="form-error">Could not save: {update.error.message}</p>}
    </div>
  );
}
