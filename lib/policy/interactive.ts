// The policy's decisions for interactive sign-in: which users an app may sign in, which
// redirect URIs it may receive codes and users at, what PKCE must look like, and when a
// refresh token is issued, accepted and how far it reaches. Asked by the authorization
// endpoint's checks, the sign-in and consent steps, the authorization_code and refresh_token
// grants, end-session and the explainer (lib/oauth): nowhere else are these rules written.
// Pure: no Next, React or Prisma.

import {
  REQ_GRANT_REVOKED,
  REQ_INTERACTIVE_OFF,
  REQ_LOGOUT_REDIRECT_UNREGISTERED,
  REQ_PKCE_REQUIRED,
  REQ_PKCE_S256,
  REQ_REDIRECT_UNREGISTERED,
  REQ_REDIRECT_UNSAFE,
  REQ_REFRESH_PUBLIC,
  REQ_SCOPE_WIDER,
  REQ_USER_TYPE,
} from "./interactive-rules";
import { lintApp } from "./lint";
import { REQ_SCOPE_SYNTAX } from "./request-rules";
import type { RequestError, RequestRule } from "./rule";
import { isValidScopeString, parseScope } from "./scopes";
import type { PolicyApp, PolicyOptions } from "./types";
import { parseUrlList } from "./urls";

export type UserType = "Internal" | "Community";
export const USER_TYPES = ["Internal", "Community"] as const satisfies readonly UserType[];

/** A Systems.Security.Users record, as far as sign-in decisions need it. */
export interface PolicyUser {
  Type: UserType;
  IsActive: boolean;
}

/** A decision about one request: its value, or the rule that refuses it and the answer. */
export type RequestDecision<T = void> =
  | { ok: true; value: T }
  | { ok: false; error: RequestError; ruleId: string; detail: string };

function refuse(rule: RequestRule, detail: string, error: RequestError = rule.error): RequestDecision<never> {
  return { ok: false, error, ruleId: rule.id, detail };
}

const OK: RequestDecision = { ok: true, value: undefined };

// ---------------------------------------------------------------------------
// Who may sign in

/** The user types the app signs in (seed 003 ImpersonateAsInternalUserAllowed / ...CommunityUserAllowed). */
export function acceptedUserTypes(app: PolicyApp): UserType[] {
  const types: UserType[] = [];
  if (app.ImpersonateAsInternalUserAllowed) types.push("Internal");
  if (app.ImpersonateAsCommunityUserAllowed) types.push("Community");
  return types;
}

/** Whether the app may sign users in at all. */
export function decideInteractive(app: PolicyApp): RequestDecision {
  if (acceptedUserTypes(app).length > 0) return OK;
  return refuse(REQ_INTERACTIVE_OFF, `${app.ApplicationUri} allows neither internal nor community users to sign in`);
}

/** Whether this user's type is one the app signs in (an inactive user never signs in: the caller refuses it as a wrong password). */
export function decideUserType(app: PolicyApp, user: PolicyUser): RequestDecision {
  if (acceptedUserTypes(app).includes(user.Type)) return OK;
  return refuse(REQ_USER_TYPE, `${app.ApplicationUri} does not accept ${user.Type} users (accepts: ${acceptedUserTypes(app).join(", ") || "none"})`);
}

// ---------------------------------------------------------------------------
// Redirect URIs: simple string comparison (seed 000 "exact match required"; RFC 9700 §2.1)

/**
 * The login redirect URI the code may be sent to: `redirectUri` when it equals one entry of
 * ImpersonateLoginUrl character for character and that entry passes the configuration rules
 * on its own (lintApp of the app with only that entry: the same rules as the linter, so an
 * http entry in production or one with a fragment receives nothing).
 */
export function decideRedirectUri(app: PolicyApp, redirectUri: string | undefined, opts: PolicyOptions): RequestDecision<string> {
  if (redirectUri === undefined || redirectUri === "") {
    return refuse(REQ_REDIRECT_UNREGISTERED, `no redirect_uri for ${app.ApplicationUri} (required: several may be registered)`);
  }
  if (!parseUrlList(app.ImpersonateLoginUrl).includes(redirectUri)) {
    return refuse(REQ_REDIRECT_UNREGISTERED, `redirect_uri ${JSON.stringify(redirectUri.slice(0, 200))} is not registered for ${app.ApplicationUri}`);
  }
  const alone: PolicyApp = { ...app, ImpersonateLoginUrl: redirectUri, ImpersonateLogoutUrl: null, SystemUserLoginUrl: null };
  const broken = lintApp(alone, { ...opts, fleet: undefined }).find((f) => f.severity === "error" && f.field === "ImpersonateLoginUrl");
  if (broken) return refuse(REQ_REDIRECT_UNSAFE, `${app.ApplicationUri}: registered redirect_uri refused by ${broken.ruleId}: ${broken.message}`);
  return { ok: true, value: redirectUri };
}

/**
 * Where end-session may send the browser: `uri` when it equals one entry of the app's
 * ImpersonateLogoutUrl (exact), else nowhere (OpenID Connect RP-Initiated Logout 1.0 §3).
 */
export function decidePostLogoutRedirect(app: PolicyApp | null, uri: string | undefined): RequestDecision<string> {
  if (uri === undefined || uri === "") return refuse(REQ_LOGOUT_REDIRECT_UNREGISTERED, "no post_logout_redirect_uri");
  if (app === null) return refuse(REQ_LOGOUT_REDIRECT_UNREGISTERED, "post_logout_redirect_uri without a known client (id_token_hint or client_id)");
  if (!app.IsEnabled) return refuse(REQ_LOGOUT_REDIRECT_UNREGISTERED, `${app.ApplicationUri} is disabled`);
  if (!parseUrlList(app.ImpersonateLogoutUrl).includes(uri)) {
    return refuse(REQ_LOGOUT_REDIRECT_UNREGISTERED, `post_logout_redirect_uri ${JSON.stringify(uri.slice(0, 200))} is not registered for ${app.ApplicationUri}`);
  }
  return { ok: true, value: uri };
}

// ---------------------------------------------------------------------------
// PKCE (RFC 7636), required of every client (RFC 9700 §2.1.1)

// RFC 7636 §4.2: S256 yields BASE64URL of a 32-byte hash (43 characters); §4.1 allows 43–128
// unreserved characters for the verifier, so a challenge of that shape is accepted.
const CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

export function decidePkce(codeChallenge: string | undefined, method: string | undefined): RequestDecision {
  if (codeChallenge === undefined || codeChallenge === "") return refuse(REQ_PKCE_REQUIRED, "no code_challenge");
  if (method !== "S256") return refuse(REQ_PKCE_S256, `code_challenge_method ${method === undefined ? "absent (plain)" : JSON.stringify(method.slice(0, 20))}`);
  if (!CHALLENGE.test(codeChallenge)) return refuse(REQ_PKCE_S256, "code_challenge is not 43-128 unreserved characters");
  return OK;
}

/** code_verifier = 43*128unreserved (RFC 7636 §4.1). */
export function isValidCodeVerifier(verifier: string): boolean {
  return CHALLENGE.test(verifier);
}

// ---------------------------------------------------------------------------
// Consent (the Authorizations child collection of seed 003)

/** Whether the user must be asked: some requested scope is not in their Authorization yet. */
export function consentNeeded(authorizedScope: string | null, requested: readonly string[]): boolean {
  const authorized = new Set(parseScope(authorizedScope));
  return requested.some((s) => !authorized.has(s));
}

/** What the Authorization holds after the user allowed `requested`: what it held, and these. */
export function mergeConsent(authorizedScope: string | null, requested: readonly string[]): string {
  const merged = parseScope(authorizedScope);
  for (const s of requested) if (!merged.includes(s)) merged.push(s);
  return merged.join(" ");
}

// ---------------------------------------------------------------------------
// Refresh tokens (seed 002 "Use refresh tokens only in confidential clients.", RFC 6749 §6)

/** A refresh token is issued only when offline_access was granted to a Confidential app. */
export function issuesRefreshToken(app: PolicyApp, granted: readonly string[]): boolean {
  return app.ClientType === "Confidential" && granted.includes("offline_access");
}

/** Whether the app may use grant_type=refresh_token at all. */
export function decideRefreshAllowed(app: PolicyApp): RequestDecision {
  if (app.ClientType === "Confidential") return OK;
  return refuse(REQ_REFRESH_PUBLIC, `Public client ${app.ApplicationUri} used a refresh token`);
}

/** RFC 6749 §6: the refresh request's scope, at most what was granted; absent means all of it. */
export function decideRefreshScopes(granted: readonly string[], requested: string | null): RequestDecision<string[]> {
  if (requested === null || requested === "") return { ok: true, value: [...granted] };
  if (!isValidScopeString(requested)) return refuse(REQ_SCOPE_SYNTAX, `scope parameter ${JSON.stringify(requested.slice(0, 200))} does not follow RFC 6749 §3.3`);
  const out: string[] = [];
  for (const s of requested.split(" ")) {
    if (!granted.includes(s)) return refuse(REQ_SCOPE_WIDER, `refresh asked for ${JSON.stringify(s)}, granted: ${granted.join(" ")}`);
    if (!out.includes(s)) out.push(s);
  }
  return { ok: true, value: out };
}

/**
 * Whether a grant (a code being exchanged, a refresh token) still holds: the app is enabled,
 * the user active and of a type the app accepts, and their Authorization still covers the
 * scopes. Answered invalid_grant whatever the reason (RFC 6749 §5.2); the rule id says which.
 */
export function decideGrantStillValid(
  app: PolicyApp,
  user: PolicyUser,
  authorizedScope: string | null,
  scopes: readonly string[],
): RequestDecision {
  if (!app.IsEnabled) return refuse(REQ_GRANT_REVOKED, `${app.ApplicationUri} is disabled`);
  if (!user.IsActive) return refuse(REQ_GRANT_REVOKED, "the user is no longer active");
  const type = decideUserType(app, user);
  if (!type.ok) return { ...type, error: "invalid_grant" };
  if (authorizedScope === null) return refuse(REQ_GRANT_REVOKED, `the user's Authorization for ${app.ApplicationUri} was revoked`);
  if (consentNeeded(authorizedScope, scopes)) {
    return refuse(REQ_GRANT_REVOKED, `the user's Authorization for ${app.ApplicationUri} no longer covers ${scopes.join(" ")}`);
  }
  return OK;
}
