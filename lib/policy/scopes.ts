// The scope catalogue of seed 004, RFC 6749 §3.3 scope syntax, and the scope decision
// the token endpoint makes (decideScopes). Pure; used by rules, form and endpoint.

import type { PolicyApp } from "./types";
import {
  REQ_SCOPE_DEPRECATED,
  REQ_SCOPE_EMPTY,
  REQ_SCOPE_IDENTITY_IN_CC,
  REQ_SCOPE_NOT_ALLOWED,
  REQ_SCOPE_OFFLINE_PUBLIC,
  REQ_SCOPE_SEC,
  REQ_SCOPE_SYNTAX,
} from "./request-rules";
import type { RequestError, RequestRule } from "./rule";

export type ScopeAvailability = "all" | "internal" | "deprecated";

export interface ScopeInfo {
  name: string;
  /** Seed 004 wording. */
  description: string;
  availability: ScopeAvailability;
  /** Protocol-defined identity scope (seed 004 "Note on Identity Scopes"). */
  identity: boolean;
}

export type ScopeName = "read" | "update" | "offline_access" | "openid" | "profile" | "sec" | "DomainApi";

/** Seed 004 "Standard Scopes". Scope names are case-sensitive (RFC 6749 §3.3). */
export const SCOPES: Readonly<Record<ScopeName, ScopeInfo>> = Object.freeze({
  read: {
    name: "read",
    description: "Grants read-only access to ERP.net data through APIs.",
    availability: "all",
    identity: false,
  },
  update: {
    name: "update",
    description: "Grants permission to create, modify, or delete ERP.net data.",
    availability: "all",
    identity: false,
  },
  offline_access: {
    name: "offline_access",
    description: "Allows issuing a refresh token, enabling apps to renew access tokens without user interaction.",
    availability: "all",
    identity: true,
  },
  openid: {
    name: "openid",
    description:
      "Indicates the request is an OpenID Connect authentication request. Required to issue an ID token and identify the authenticated subject.",
    availability: "all",
    identity: true,
  },
  profile: {
    name: "profile",
    description: "Grants access to basic user information (such as name, email, user type).",
    availability: "all",
    identity: true,
  },
  sec: {
    name: "sec",
    description:
      "Grants access to security namespace APIs (roles, permissions, etc.). Reserved for ERP.net internal use only.",
    availability: "internal",
    identity: false,
  },
  DomainApi: {
    name: "DomainApi",
    description: "Legacy scope. Obsolete and must not be used.",
    availability: "deprecated",
    identity: false,
  },
});

// A Map, not SCOPES[name]: "constructor" or "toString" are valid scope tokens too.
const CATALOGUE: ReadonlyMap<string, ScopeInfo> = new Map(Object.values(SCOPES).map((s) => [s.name, s]));

/** The catalogue entry of a scope name (case-sensitive), or undefined when unknown. */
export function scopeInfo(name: string): ScopeInfo | undefined {
  return CATALOGUE.get(name);
}

/** Identity scopes: never granted in client credentials, need not be configured (seed 004). */
export function isIdentityScope(name: string): boolean {
  return CATALOGUE.get(name)?.identity === true;
}

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ); scope = scope-token *( SP scope-token )
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const SCOPE_PARAM = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;

export function isValidScopeToken(token: string): boolean {
  return SCOPE_TOKEN.test(token);
}

/** True when `s` is a well-formed RFC 6749 §3.3 scope value (single spaces only). */
export function isValidScopeString(s: string): boolean {
  return SCOPE_PARAM.test(s);
}

/**
 * Splits a stored Scope attribute on single spaces (RFC 6749 §3.3) and drops empty
 * strings, so a stray double space in stored data does not create a "" scope.
 * Tokens are returned as they are (possibly malformed: the lint reports those).
 */
export function parseScope(s: string | null): string[] {
  if (s === null || s === "") return [];
  const out: string[] = [];
  for (const token of s.split(" ")) if (token !== "") out.push(token);
  return out;
}

export type ScopeFlow = "client_credentials" | "authorization_code";

export type ScopeDecision =
  /** `dropped`: requested scopes the request goes on without (a `not_granted` rule), for the log. */
  | { ok: true; granted: string[]; dropped?: { scope: string; ruleId: string }[] }
  | { ok: false; error: RequestError; ruleId: string; detail: string };

function refuse(rule: RequestRule, detail: string): ScopeDecision {
  return { ok: false, error: rule.error, ruleId: rule.id, detail };
}

/** sec and DomainApi are never granted to an external app, whatever the configuration says. */
function neverGranted(name: string): boolean {
  return name === "sec" || name === "DomainApi";
}

/**
 * The token endpoint's scope decision (seed 004 "Scope Enforcement").
 * - `requested` null or "" means no scope parameter (RFC 6749 §3.1: "Parameters sent
 *   without a value MUST be treated as if they were omitted from the request."): the
 *   default is every configured scope usable in this flow.
 * - Otherwise the value must follow RFC 6749 §3.3 exactly and each token must be allowed.
 * The `detail` is for the server log, not for the client.
 * `invalid_request` is part of the type for request-level problems the endpoint may add;
 * every scope refusal here is `invalid_scope` (seed 004, RFC 6749 §5.2).
 */
export function decideScopes(app: PolicyApp, requested: string | null, flow: ScopeFlow): ScopeDecision {
  const configured = parseScope(app.Scope);
  const isPublic = app.ClientType === "Public";

  if (requested === null || requested === "") {
    const granted: string[] = [];
    for (const name of configured) {
      if (neverGranted(name) || !isValidScopeToken(name) || granted.includes(name)) continue;
      if (flow === "client_credentials" && isIdentityScope(name)) continue;
      if (isPublic && name === "offline_access") continue;
      granted.push(name);
    }
    if (granted.length === 0) {
      return refuse(REQ_SCOPE_EMPTY, `no scope requested and ${app.ApplicationUri} has no grantable scope for ${flow}`);
    }
    return { ok: true, granted };
  }

  if (!SCOPE_PARAM.test(requested)) {
    return refuse(REQ_SCOPE_SYNTAX, `scope parameter ${JSON.stringify(requested)} does not follow RFC 6749 §3.3`);
  }

  const granted: string[] = [];
  const dropped: { scope: string; ruleId: string }[] = [];
  for (const name of requested.split(" ")) {
    if (granted.includes(name)) continue;
    if (name === "sec") return refuse(REQ_SCOPE_SEC, `${app.ApplicationUri} requested the reserved scope sec`);
    if (name === "DomainApi") {
      return refuse(REQ_SCOPE_DEPRECATED, `${app.ApplicationUri} requested the deprecated scope DomainApi`);
    }
    if (isIdentityScope(name)) {
      if (flow === "client_credentials") {
        return refuse(REQ_SCOPE_IDENTITY_IN_CC, `${app.ApplicationUri} requested ${name} with client_credentials`);
      }
      if (isPublic && name === "offline_access") {
        // Not granted, not refused (seed 002; RFC 6749 §3.3 lets the server issue less).
        if (!dropped.some((d) => d.scope === name)) dropped.push({ scope: name, ruleId: REQ_SCOPE_OFFLINE_PUBLIC.id });
        continue;
      }
      // Identity scopes need not be configured (seed 004 "Note on Identity Scopes").
      granted.push(name);
      continue;
    }
    if (!configured.includes(name)) {
      return refuse(REQ_SCOPE_NOT_ALLOWED, `${app.ApplicationUri} is not configured for scope ${JSON.stringify(name)}`);
    }
    granted.push(name);
  }
  if (granted.length === 0) {
    return refuse(REQ_SCOPE_EMPTY, `${app.ApplicationUri}: nothing grantable is left of the requested ${JSON.stringify(requested)}`);
  }
  return dropped.length > 0 ? { ok: true, granted, dropped } : { ok: true, granted };
}
