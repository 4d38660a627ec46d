// Rules applied to interactive sign-in requests (the authorization endpoint, the sign-in step,
// the authorization_code and refresh_token grants, end-session) rather than to the stored
// configuration. The decisions that return these ids are in ./interactive; the endpoints log
// them. Documented like RULES, so docs/policy.md lists them too.

import type { RequestRule } from "./rule";

export const REQ_REDIRECT_UNREGISTERED: RequestRule = {
  id: "TA-REQ-REDIRECT-UNREGISTERED",
  severity: "error",
  error: "no_redirect",
  title: "redirect_uri is not registered",
  triggers:
    "The authorization request's redirect_uri is missing, or is not, character for character, one entry of the app's ImpersonateLoginUrl list.",
  why: "The authorization code is delivered to the redirect URI. Any looser comparison (prefix, case, trailing slash, a wildcard) lets an attacker pick a URI that receives someone else's code, so the identity server shows an error page and never redirects there.",
  seed: [
    { source: "000", sentence: "Comma-separated list; exact match required." },
    { source: "002", sentence: "Reject unknown redirect URIs to prevent redirection attacks." },
    {
      source: "RFC 6749 §4.1.2.1",
      sentence:
        "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI.",
    },
  ],
  fix: "Client: send one of the registered redirect URIs exactly. Admin: register the app's real redirect URI in ImpersonateLoginUrl.",
  flows: ["authorization_code"],
};

export const REQ_REDIRECT_UNSAFE: RequestRule = {
  id: "TA-REQ-REDIRECT-UNSAFE",
  severity: "error",
  error: "no_redirect",
  title: "Registered redirect URI breaks the redirect rules",
  triggers:
    "The redirect_uri matches a registered entry, but that entry has an error finding of its own (not https outside loopback development, a fragment, a wildcard, not absolute).",
  why: "The configuration rules already say such an entry must not receive codes; the identity server follows them rather than the stored list.",
  seed: [
    { source: "000", sentence: "Restrict redirect URIs to exact, HTTPS-based matches." },
    { source: "002", sentence: "Redirect URIs must also use HTTPS for production deployments." },
  ],
  fix: "Admin: fix the redirect URI (see the app's TA-REDIRECT-* findings).",
  flows: ["authorization_code"],
};

export const REQ_INTERACTIVE_OFF: RequestRule = {
  id: "TA-REQ-INTERACTIVE-OFF",
  severity: "error",
  error: "unauthorized_client",
  title: "App does not allow user sign-in",
  triggers: "An authorization request for an app whose ImpersonateAsInternalUserAllowed and ImpersonateAsCommunityUserAllowed are both false.",
  why: "The two flags are what allows an app to sign users in at all; with both off it may only run as a service.",
  seed: [
    { source: "003", sentence: "Allows the application to request login from internal users and operate on their behalf." },
    { source: "003", sentence: "Allows the application to request login from external users and operate on their behalf." },
  ],
  fix: "Admin: allow the user type the app signs in, or use client_credentials for a service.",
  flows: ["authorization_code"],
};

export const REQ_USER_TYPE: RequestRule = {
  id: "TA-REQ-USER-TYPE",
  severity: "error",
  error: "access_denied",
  title: "User type not accepted by the app",
  triggers:
    "An internal user signs in to an app with ImpersonateAsInternalUserAllowed = false, or a community user to an app with ImpersonateAsCommunityUserAllowed = false (checked again at every code exchange and refresh, where the answer is invalid_grant).",
  why: "Which users an app may act for is part of its registration; a partner portal must not obtain tokens for staff, nor an internal dashboard for external accounts.",
  seed: [
    { source: "000", sentence: "Allows login for internal users." },
    { source: "000", sentence: "Allows login for community or external users." },
  ],
  fix: "User: sign in with an account of the type the app accepts. Admin: change the ImpersonateAs…Allowed flags only if the app really serves that user type.",
  flows: ["authorization_code"],
};

export const REQ_PKCE_REQUIRED: RequestRule = {
  id: "TA-REQ-PKCE-REQUIRED",
  severity: "error",
  error: "invalid_request",
  title: "Authorization request without PKCE",
  triggers: "An authorization request without code_challenge, from any client, Public or Confidential.",
  why: "PKCE binds the code to the client instance that asked for it, so an intercepted or injected code is useless; the seeds ask for it for every interactive app.",
  seed: [
    { source: "002", sentence: "Use Authorization Code flow (with PKCE) for interactive apps." },
    { source: "002", sentence: "Always implement PKCE in public clients." },
    { source: "RFC 9700 §2.1.1", sentence: "Authorization servers MUST support PKCE [RFC7636]." },
  ],
  fix: "Client: send code_challenge (BASE64URL(SHA-256(code_verifier))) with code_challenge_method=S256.",
  flows: ["authorization_code"],
};

export const REQ_PKCE_S256: RequestRule = {
  id: "TA-REQ-PKCE-S256",
  severity: "error",
  error: "invalid_request",
  title: "PKCE method other than S256",
  triggers:
    "code_challenge_method is plain or anything but S256, or is absent (it then defaults to plain), or code_challenge is not 43 to 128 unreserved characters.",
  why: "With plain the challenge is the verifier itself, so whoever sees the authorization request can redeem the code.",
  seed: [
    { source: "RFC 7636 §4.3", sentence: "OPTIONAL, defaults to \"plain\" if not present in the request." },
    {
      source: "RFC 9700 §2.1.1",
      sentence: "Clients SHOULD use PKCE code challenge methods that do not expose the PKCE verifier in the authorization request.",
    },
  ],
  fix: "Client: use code_challenge_method=S256.",
  flows: ["authorization_code"],
};

export const REQ_REFRESH_PUBLIC: RequestRule = {
  id: "TA-REQ-REFRESH-PUBLIC",
  severity: "error",
  error: "unauthorized_client",
  title: "Refresh grant by a Public client",
  triggers: "grant_type=refresh_token from a Public client.",
  why: "A public client cannot keep a refresh token confidential, so none is issued to it and none is accepted from it.",
  seed: [
    { source: "002", sentence: "Use refresh tokens only in confidential clients." },
    { source: "002", sentence: "Public clients (SPAs, mobile) must re-authenticate when access tokens expire." },
  ],
  fix: "Client: sign the user in again when the access token expires.",
  flows: ["authorization_code"],
};

export const REQ_SCOPE_WIDER: RequestRule = {
  id: "TA-REQ-SCOPE-WIDER",
  severity: "error",
  error: "invalid_scope",
  title: "Refresh asks for more than was granted",
  triggers: "A refresh request's scope includes a scope the user did not grant in the original authorization.",
  why: "A refresh renews what the user allowed; it may narrow it but never widen it behind the user's back.",
  seed: [
    {
      source: "RFC 6749 §6",
      sentence: "The requested scope MUST NOT include any scope not originally granted by the resource owner, and if omitted is treated as equal to the scope originally granted by the resource owner.",
    },
  ],
  fix: "Client: request the same or fewer scopes, or sign the user in again to ask for more.",
  flows: ["authorization_code"],
};

export const REQ_GRANT_REVOKED: RequestRule = {
  id: "TA-REQ-GRANT-REVOKED",
  severity: "error",
  error: "invalid_grant",
  title: "The user's authorization no longer holds",
  triggers:
    "A code exchange or refresh for a user who is no longer active, or whose Authorization for the app was revoked or no longer covers the scopes, or for a disabled app.",
  why: "Tokens act for the user on the strength of their consent and the app's registration; when either is withdrawn the next refresh must fail, on every instance at once.",
  seed: [
    { source: "000", sentence: "Acts as an immediate kill switch." },
    {
      source: "RFC 6749 §5.2",
      sentence:
        "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
    },
  ],
  fix: "User: sign in again (and consent) if the app should still act for you.",
  flows: ["authorization_code"],
};

export const REQ_LOGOUT_REDIRECT_UNREGISTERED: RequestRule = {
  id: "TA-REQ-LOGOUT-REDIRECT-UNREGISTERED",
  severity: "error",
  error: "no_redirect",
  title: "post_logout_redirect_uri is not registered",
  triggers:
    "An end-session request's post_logout_redirect_uri is not exactly one entry of ImpersonateLogoutUrl of the app named by id_token_hint or client_id (or no app is named).",
  why: "Signing out must not turn the identity server into an open redirector; the session still ends, and the user sees a plain signed-out page.",
  seed: [
    { source: "000", sentence: "Allowed post-logout redirect URIs." },
    { source: "000", sentence: "Comma-separated list; exact match required." },
  ],
  fix: "Admin: register the app's post-logout URI in ImpersonateLogoutUrl. Client: send it exactly, with id_token_hint or client_id.",
  flows: ["authorization_code"],
};

/** The interactive request rules, in no particular order (REQUEST_RULES sorts). */
export const INTERACTIVE_RULES: readonly RequestRule[] = [
  REQ_REDIRECT_UNREGISTERED,
  REQ_REDIRECT_UNSAFE,
  REQ_INTERACTIVE_OFF,
  REQ_USER_TYPE,
  REQ_PKCE_REQUIRED,
  REQ_PKCE_S256,
  REQ_REFRESH_PUBLIC,
  REQ_SCOPE_WIDER,
  REQ_GRANT_REVOKED,
  REQ_LOGOUT_REDIRECT_UNREGISTERED,
];
