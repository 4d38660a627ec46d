// The Scope attribute: well-formed tokens (RFC 6749 §3.3) from the seed 004 catalogue,
// never the reserved sec or the deprecated DomainApi, and the minimum the app needs.

import { analyze } from "../analysis";
import { finding, q, TOKEN_FLOWS, type PolicyRule } from "../rule";
import { isIdentityScope, isValidScopeToken, SCOPES, scopeInfo } from "../scopes";
import type { Finding } from "../types";

export const scopeSyntax: PolicyRule = {
  id: "TA-SCOPE-SYNTAX",
  severity: "error",
  title: "Malformed scope token",
  triggers: 'A Scope token has characters outside RFC 6749 §3.3 scope-token (e.g. ", \\, tabs, non-ASCII).',
  why: "The seeds say Scope follows RFC 6749; a malformed token can never be requested or granted, and quoting or escaping characters hint at a pasted list in the wrong format.",
  seed: [
    {
      source: "003",
      sentence:
        "The scope is an unordered list of space-delimited case-sensitive strings.",
    },
    { source: "RFC 6749 §3.3", sentence: "scope-token = 1*( %x21 / %x23-5B / %x5D-7E )" },
  ],
  fix: "Write the scopes separated by single spaces, e.g. read update.",
  flows: TOKEN_FLOWS,
  check(app) {
    const out: Finding[] = [];
    for (const token of analyze(app).scopes) {
      if (isValidScopeToken(token)) continue;
      out.push(finding(scopeSyntax, "Scope", `Scope token ${q(token)} is not a valid RFC 6749 scope token.`));
    }
    return out;
  },
};

export const scopeSec: PolicyRule = {
  id: "TA-SCOPE-SEC",
  severity: "error",
  title: "Reserved scope sec configured",
  triggers: "Scope contains sec.",
  why: "sec opens the instance's security infrastructure (roles, permissions) and is reserved for ERP.net itself. Configuring it on an external app signals an intent the policy must not serve, so the app gets no tokens until it is removed.",
  seed: [
    { source: "000", sentence: "Reserved; not for external apps." },
    { source: "004", sentence: "Reserved for ERP.net internal use only." },
  ],
  fix: "Remove sec from Scope.",
  flows: TOKEN_FLOWS,
  check(app) {
    if (!analyze(app).scopeSet.has("sec")) return [];
    return [finding(scopeSec, "Scope", "Scope contains sec, which is reserved for ERP.net internal use.")];
  },
};

export const scopeDeprecated: PolicyRule = {
  id: "TA-SCOPE-DEPRECATED",
  severity: "error",
  title: "Deprecated scope DomainApi configured",
  triggers: "Scope contains DomainApi.",
  why: "DomainApi is obsolete and must not be used; read and update replace it.",
  seed: [{ source: "004", sentence: "Legacy scope. Obsolete and must not be used." }],
  fix: "Replace DomainApi with read (and update only if the app writes data).",
  flows: TOKEN_FLOWS,
  check(app) {
    if (!analyze(app).scopeSet.has("DomainApi")) return [];
    return [finding(scopeDeprecated, "Scope", "Scope contains the deprecated DomainApi scope.")];
  },
};

const KNOWN_LOWER = new Map(Object.values(SCOPES).map((s) => [s.name.toLowerCase(), s.name]));

export const scopeUnknown: PolicyRule = {
  id: "TA-SCOPE-UNKNOWN",
  severity: "warning",
  title: "Unknown scope",
  triggers: "A well-formed Scope token that is not in the seed 004 catalogue (names are case-sensitive).",
  why: "The instance grants only the documented scopes; an unknown one is a typo (Read vs read) or a permission nobody reviewed.",
  seed: [
    { source: "003", sentence: "Each string denotes a permission (see docs for possible values)." },
    { source: "000", sentence: "Grant the minimal required scopes." },
  ],
  fix: "Use the documented scope names: read, update (openid, profile, offline_access need not be configured).",
  flows: TOKEN_FLOWS,
  check(app) {
    const out: Finding[] = [];
    for (const token of analyze(app).scopeSet) {
      if (!isValidScopeToken(token) || scopeInfo(token) !== undefined) continue;
      const near = KNOWN_LOWER.get(token.toLowerCase());
      const hint = near === undefined ? "" : ` (scopes are case-sensitive: did you mean ${q(near)}?)`;
      out.push(finding(scopeUnknown, "Scope", `Scope ${q(token)} is not a known scope${hint}.`));
    }
    return out;
  },
};

export const scopeEmpty: PolicyRule = {
  id: "TA-SCOPE-EMPTY",
  severity: "warning",
  title: "No permission scope configured",
  triggers: "Scope is empty, or holds only the identity scopes openid, profile, offline_access.",
  why: "With no permission scope the app's tokens grant no API access, and a request without scope is refused (nothing to default to). Usually read was forgotten.",
  seed: [
    {
      source: "004",
      sentence:
        "If no scopes are explicitly requested, the issued access token will automatically include all scopes defined in the Trusted Application configuration.",
    },
    { source: "000", sentence: "Example: read update. Request only what is necessary." },
  ],
  fix: "Configure the scopes the app needs, usually read.",
  flows: TOKEN_FLOWS,
  check(app) {
    for (const token of analyze(app).scopes) if (!isIdentityScope(token)) return [];
    return [finding(scopeEmpty, "Scope", "No permission scope is configured; tokens would grant no API access.")];
  },
};

export const scopeUpdate: PolicyRule = {
  id: "TA-SCOPE-UPDATE",
  severity: "info",
  title: "Write access granted",
  triggers: "Scope contains update.",
  why: "update lets tokens create, modify and delete ERP data; it should be there only when the app must write.",
  seed: [
    { source: "004", sentence: "Only grant update to apps that must modify data." },
    {
      source: "000",
      sentence: "Always follow least-privilege principles. Start with read, and add update only when required.",
    },
  ],
  fix: "Remove update unless the app writes data.",
  flows: [],
  check(app) {
    if (!analyze(app).scopeSet.has("update")) return [];
    return [finding(scopeUpdate, "Scope", "Scope grants update (create, modify, delete).")];
  },
};
