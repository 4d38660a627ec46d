// Rules applied to a token request (POST /id/connect/token) rather than to the stored
// configuration. decideScopes() in ./scopes returns these ids; the token endpoint logs
// them. Documented like RULES so docs/policy.md lists them too.

import { INTERACTIVE_RULES } from "./interactive-rules";
import type { RequestRule } from "./rule";

export const REQ_SCOPE_SYNTAX: RequestRule = {
  id: "TA-REQ-SCOPE-SYNTAX",
  severity: "error",
  error: "invalid_scope",
  title: "Requested scope is malformed",
  triggers:
    "The scope parameter is not scope-token *( SP scope-token ): leading, trailing or double spaces, tabs, or characters outside %x21 / %x23-5B / %x5D-7E.",
  why: "The grammar is fixed by RFC 6749 §3.3; guessing what a malformed value meant would grant scopes nobody asked for.",
  seed: [
    { source: "RFC 6749 §3.3", sentence: "scope       = scope-token *( SP scope-token )" },
    { source: "RFC 6749 §3.3", sentence: "scope-token = 1*( %x21 / %x23-5B / %x5D-7E )" },
  ],
  fix: "Client: send scope tokens separated by exactly one space.",
  flows: ["client_credentials", "authorization_code"],
};

export const REQ_SCOPE_NOT_ALLOWED: RequestRule = {
  id: "TA-REQ-SCOPE-NOT-ALLOWED",
  severity: "error",
  error: "invalid_scope",
  title: "Requested scope is not configured for the app",
  triggers:
    "A requested permission scope is not in the app's Scope attribute (identity scopes in the authorization code flow excepted).",
  why: "The Trusted Application's Scope is the ceiling of what the instance grants; more than that is refused, never silently widened.",
  seed: [
    { source: "004", sentence: "The ERP.net Identity verifies which scopes a Trusted Application is permitted to request." },
    { source: "004", sentence: "If a requested scope is not allowed, the server returns invalid_scope." },
  ],
  fix: "Client: request only configured scopes. Admin: add the scope to Scope only if the app really needs it.",
  flows: ["client_credentials", "authorization_code"],
};

export const REQ_SCOPE_IDENTITY_IN_CC: RequestRule = {
  id: "TA-REQ-SCOPE-IDENTITY-IN-CC",
  severity: "error",
  error: "invalid_scope",
  title: "Identity scope requested in the client credentials flow",
  triggers: "openid, profile or offline_access is requested with grant_type=client_credentials.",
  why: "There is no user in the client credentials flow, so there is no subject to identify and no session to refresh.",
  seed: [
    {
      source: "004",
      sentence:
        "For example, in the client credentials flow, these scopes are not issued because there is no authenticated user and no interactive session.",
    },
  ],
  fix: "Client: drop openid, profile and offline_access from client credentials requests.",
  flows: ["client_credentials"],
};

export const REQ_SCOPE_SEC: RequestRule = {
  id: "TA-REQ-SCOPE-SEC",
  severity: "error",
  error: "invalid_scope",
  title: "Reserved scope sec requested",
  triggers: "The request asks for sec, whether or not the app's Scope lists it.",
  why: "sec opens the instance's security namespace (roles, permissions); it is for ERP.net itself, never for an external app.",
  seed: [
    { source: "000", sentence: "Reserved; not for external apps." },
    { source: "004", sentence: "Reserved for ERP.net internal use only." },
  ],
  fix: "Client: do not request sec. Admin: remove sec from Scope.",
  flows: ["client_credentials", "authorization_code"],
};

export const REQ_SCOPE_DEPRECATED: RequestRule = {
  id: "TA-REQ-SCOPE-DEPRECATED",
  severity: "error",
  error: "invalid_scope",
  title: "Deprecated scope DomainApi requested",
  triggers: "The request asks for DomainApi.",
  why: "DomainApi is a legacy scope that must not be used; read and update replace it.",
  seed: [{ source: "004", sentence: "Legacy scope. Obsolete and must not be used." }],
  fix: "Client: request read (and update if needed) instead of DomainApi.",
  flows: ["client_credentials", "authorization_code"],
};

export const REQ_SCOPE_OFFLINE_PUBLIC: RequestRule = {
  id: "TA-REQ-SCOPE-OFFLINE-PUBLIC",
  severity: "error",
  error: "not_granted",
  title: "Refresh token requested by a Public client",
  triggers:
    "A Public client requests offline_access: the request goes on without it (the response's scope says so, RFC 6749 §5.1), and no refresh token is issued.",
  why: "A public client cannot keep a refresh token confidential; it must sign the user in again when its access token expires. Dropping the scope rather than failing lets standard client libraries, which often ask for offline_access by default, still sign the user in.",
  seed: [
    { source: "002", sentence: "Use refresh tokens only in confidential clients." },
    { source: "002", sentence: "Public clients (SPAs, mobile) must re-authenticate when access tokens expire." },
  ],
  fix: "Client: do not request offline_access from a Public client; re-authenticate instead.",
  flows: ["authorization_code"],
};

export const REQ_SCOPE_EMPTY: RequestRule = {
  id: "TA-REQ-SCOPE-EMPTY",
  severity: "error",
  error: "invalid_scope",
  title: "No scope requested and none to default to",
  triggers: "The request has no scope and the app's Scope yields nothing grantable in this flow.",
  why: "Without a scope request the default is the configured scopes (seed 004); when that default is empty RFC 6749 §3.3 says to fail with invalid_scope rather than issue an empty token.",
  seed: [
    {
      source: "004",
      sentence:
        "If no scopes are explicitly requested, the issued access token will automatically include all scopes defined in the Trusted Application configuration.",
    },
    {
      source: "RFC 6749 §3.3",
      sentence:
        "If the client omits the scope parameter when requesting authorization, the authorization server MUST either process the request using a pre-defined default value or fail the request indicating an invalid scope.",
    },
  ],
  fix: "Admin: configure the scopes the app needs (usually read).",
  flows: ["client_credentials", "authorization_code"],
};

/** All request rules (scope rules here, the interactive ones from ./interactive-rules), sorted by id. */
export const REQUEST_RULES: readonly RequestRule[] = [
  ...INTERACTIVE_RULES,
  REQ_SCOPE_DEPRECATED,
  REQ_SCOPE_EMPTY,
  REQ_SCOPE_IDENTITY_IN_CC,
  REQ_SCOPE_NOT_ALLOWED,
  REQ_SCOPE_OFFLINE_PUBLIC,
  REQ_SCOPE_SEC,
  REQ_SCOPE_SYNTAX,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
