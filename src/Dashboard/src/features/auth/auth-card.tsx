import type { FormEvent, ReactNode } from 'react';

/** The centred card shared by the setup and login pages. */
export function AuthCard(props: {
  title: string;
  subtitle: string;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <div className="auth-screen">
      <form className="auth-card" onSubmit={submit} noValidate>
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          SessionKit
        </div>
        <h1>{props.title}</h1>
        <p className="muted">{props.subtitle}</p>
        {props.children}
        {props.error && (
          <p className="form-error" role="alert">
            {props.error}
          </p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={props.busy}>
          {props.busy ? 'Please wait…' : props.submitLabel}
        </button>
      </form>
    </div>
  );
}

export function Field(props: {
  label: string;
  name: string;
  type?: string;
  value: string;
  autoComplete?: string;
  autoFocus?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <input
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
