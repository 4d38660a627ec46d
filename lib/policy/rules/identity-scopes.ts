// Identity scopes (openid, profile, offline_access): protocol-defined, need not be
// configured (seed 004), and refresh tokens only for confidential clients (seed 002).

import { analyze } from "../analysis";
import { finding, type PolicyRule } from "../rule";
import { SCOPES } from "../scopes";

const IDENTITY_SCOPES = Object.values(SCOPES)
  .filter((s) => s.identity)
  .map((s) => s.name);

export const scopeOfflinePublic: PolicyRule = {
  id: "TA-SCOPE-OFFLINE-PUBLIC",
  severity: "error",
  title: "offline_access on a Public client",
  triggers: "ClientType is Public and Scope contains offline_access.",
  why: "offline_access asks for refresh tokens, which a Public client cannot keep confidential; public clients must sign the user in again instead.",
  seed: [
    { source: "002", sentence: "Use refresh tokens only in confidential clients." },
    { source: "002", sentence: "Public clients (SPAs, mobile) must re-authenticate when access tokens expire." },
  ],
  fix: "Remove offline_access from Scope.",
  flows: ["authorization_code"],
  check(app) {
    if (app.ClientType !== "Public" || !analyze(app).scopeSet.has("offline_access")) return [];
    return [finding(scopeOfflinePublic, "Scope", "A Public client is configured for offline_access (refresh tokens).")];
  },
};

export const scopeIdentityConfigured: PolicyRule = {
  id: "TA-SCOPE-IDENTITY-CONFIGURED",
  severity: "info",
  title: "Identity scopes configured explicitly",
  triggers:
    "Scope contains openid, profile or offline_access (offline_access on a Public client is reported by TA-SCOPE-OFFLINE-PUBLIC instead).",
  why: "Identity scopes are protocol-defined and available by flow; listing them adds nothing in the authorization code flow and they are never issued in client credentials.",
  seed: [
    {
      source: "004",
      sentence: "They do not need to be explicitly configured or allowed in a Trusted Application definition.",
    },
  ],
  fix: "Remove openid, profile and offline_access from Scope; clients request them when signing users in.",
  flows: [],
  check(app) {
    const configured = analyze(app).scopeSet;
    const isPublic = app.ClientType === "Public";
    const listed = IDENTITY_SCOPES.filter((s) => configured.has(s) && !(isPublic && s === "offline_access"));
    if (listed.length === 0) return [];
    return [
      finding(
        scopeIdentityConfigured,
        "Scope",
        `Identity scopes need not be configured: ${listed.join(", ")}.`,
      ),
    ];
  },
};
