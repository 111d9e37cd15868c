import { useState, type FormEvent } from 'react';
import { useCreateProject } from '../../hooks/use-projects';
import { parseOrigins } from './origins';

export function CreateProjectForm(props: { onCreated?: (projectId: string) => void }) {
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [originsText, setOriginsText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseOrigins(originsText);
    if (!name.trim()) return setProblem('Give the project a name.');
    if (parsed.invalid.length > 0) return setProblem(`Not an origin: ${parsed.invalid.join(', ')}`);
    setProblem(null);
    create.mutate(
      { name: name.trim(), allowedOrigins: parsed.origins },
      {
        onSuccess: (project) => {
          setName('');
          setOriginsText('');
          props.onCreated?.(project.id);
        },
      },
    );
  };

  return (
    <form className="panel panel--padded create-project" onSubmit={submit} noValidate>
      <h2>New project</h2>
      <p className="muted">Each project gets its own ingest key. Sites send recordings to one project.</p>
      <div className="create-project__fields">
        <label className="field">
          <span className="field__label">Name</span>
          <input value={name} placeholder="Shop" onChange={(event) => setName(event.target.value)} data-testid="new-project-name" />
        </label>
        <label className="field">
          <span className="field__label">Allowed origins (optional, one per line)</span>
          <textarea rows={2} value={originsText} placeholder="https://shop.example.com" onChange={(event) => setOriginsText(event.target.value)} />
        </label>
      </div>
      {(problem ?? create.error?.message) && <p className="form-error">{problem ?? create.error?.message}</p>}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create project'}
      </button>
    </form>
  );
}
