// How the authorization endpoint answers (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207): at the client's
// redirect URI with code, state and iss, or with error, error_description, state and iss; or,
// when the client or its redirect URI cannot be trusted, on the identity server's own page.
import type { OAuthError } from "../errors";
import { htmlPage } from "../http/html";
import type { OAuthResponse } from "../http/http";

/**
 * `redirectUri` with `params` added to its query (RFC 6749 §4.1.2: "MUST be retained when adding
 * additional query parameters"): appended as they are, so the registered query, which the
 * comparison matched character for character, is not re-encoded. Registered URIs never have a
 * fragment (TA-REDIRECT-FRAGMENT).
 */
export function clientRedirect(redirectUri: string, params: Readonly<Record<string, string | null | undefined>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null && value !== undefined) query.append(name, value);
  const separator = redirectUri.includes("?") ? (redirectUri.endsWith("?") || redirectUri.endsWith("&") ? "" : "&") : "?";
  return `${redirectUri}${separator}${query.toString()}`;
}

/** §4.1.2 + RFC 9207 §2: code, state exactly as received, iss. */
export function codeRedirect(redirectUri: string, code: string, state: string | null, issuer: string): string {
  return clientRedirect(redirectUri, { code, state, iss: issuer });
}

/** §4.1.2.1 + RFC 9207 §2: the error, its fixed public description, state, iss. */
export function errorRedirect(redirectUri: string, error: OAuthError, state: string | null, issuer: string): string {
  return clientRedirect(redirectUri, { error: error.error, error_description: error.description, state, iss: issuer });
}

/** The identity server's error page: the public description only (the detail goes to the log). */
export function errorPage(error: OAuthError): OAuthResponse {
  // 503 (the database is unreachable) stays 503 with its Retry-After; any other 5xx is a 500.
  const status = error.status === 503 ? 503 : error.status >= 500 ? 500 : error.status;
  return htmlPage(
    status,
    status === 503 ? "Temporarily unavailable" : status >= 500 ? "Something went wrong" : "This sign-in request cannot be completed",
    [
      error.description,
      "Nothing was sent back to the application. Go back to it and start the sign-in again; if this keeps happening, tell its administrator.",
      { label: "Error code:", code: error.error },
    ],
    { headers: { ...error.headers } },
  );
}
