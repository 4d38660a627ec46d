// Sign-in answers the browser is given and what they say. An unknown login, a wrong password,
// an inactive user and a user without a console role all get the same CredentialsSignin: the
// console does not tell which (it would be a password oracle for the ERP's users).
export const SIGN_IN_ERROR = {
  invalid: "CredentialsSignin",
  /** `TooManyAttempts:<seconds>`: refused before the password was checked. */
  throttled: "TooManyAttempts",
  /** `Busy:<seconds>`: too many password checks in progress. */
  busy: "Busy",
} as const;

/** The user's message for a sign-in error code as next-auth passes it (`Code` or `Code:<seconds>`). */
export function signInErrorMessage(error: string | null | undefined): string {
  const [code, seconds] = (error ?? "").split(":");
  const wait = Number(seconds) > 0 ? `${Math.ceil(Number(seconds))} second${Number(seconds) > 1 ? "s" : ""}` : "a moment";
  switch (code) {
    case SIGN_IN_ERROR.invalid:
      return "Wrong login or password.";
    case SIGN_IN_ERROR.throttled:
      return `Too many failed sign-ins. Try again in ${wait}.`;
    case SIGN_IN_ERROR.busy:
      return `The server is busy checking other sign-ins. Try again in ${wait}.`;
    default:
      return "Sign-in failed. Try again.";
  }
}

/** The Retry-After seconds of a throttled or busy error code, else null. */
export function retryAfterOf(error: string | null | undefined): number | null {
  const [code, seconds] = (error ?? "").split(":");
  if (code !== SIGN_IN_ERROR.throttled && code !== SIGN_IN_ERROR.busy) return null;
  const n = Math.ceil(Number(seconds));
  return Number.isFinite(n) && n > 0 ? n : 1;
}
