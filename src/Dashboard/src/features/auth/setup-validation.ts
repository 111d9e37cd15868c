export const MIN_PASSWORD_LENGTH = 8;

export interface SetupForm {
  readonly userName: string;
  readonly password: string;
  readonly confirm: string;
}

/** The first problem with the form, or null when it can be sent. */
export function validateSetup(form: SetupForm): string | null {
  if (!form.userName.trim()) return 'Choose a user name.';
  if (form.password.length < MIN_PASSWORD_LENGTH) {
    return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (form.password !== form.confirm) return 'The two passwords do not match.';
  return null;
}
