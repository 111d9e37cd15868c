import { useState } from 'react';
import type { Project } from '../../api/types';
import { useUpdateProject } from '../../hooks/use-projects';

/** Comma- or line-separated trait names, trimmed, without empties. */
export const parseTraitNames = (text: string): string[] => [...new Set(text.split(/[,\n]/).map((name) => name.trim()).filter(Boolean))];

/** `privateTraits`: traits identify never stores (emails, phone numbers), saved with a button (PATCH). */
export function PrivateTraitsField(props: { project: Project }) {
  const saved = props.project.privateTraits.join(', ');
  const [draft, setDraft] = useState(saved);
  const update = useUpdateProject();
  const dirty = parseTraitNames(draft).join(', ') !== saved;
  return (
    <div className="project-card__section">
      <label className="field">
        <span className="field__label">Private traits</span>
        <input value={draft} placeholder="email, phone" onChange={(event) => setDraft(event.target.value)} data-testid="private-traits" />
      </label>
      <p className="hint">Traits passed to identify under these names are never stored.</p>
      {dirty && (
        <button
          type="button"
          className="button"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: props.project.id, changes: { privateTraits: parseTraitNames(draft) } })}
          data-testid="save-private-traits"
        >
          Save private traits
        </button>
      )}
      {update.error && <p className="form-error">Could not save: {update.error.message}</p>}
    </div>
  );
}
