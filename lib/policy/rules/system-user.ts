// Service access configuration: SystemUserAllowed, SystemUser and ClientType must agree
// before the client credentials flow can be used.

import { finding, q, type PolicyRule } from "../rule";

export const systemUserMissing: PolicyRule = {
  id: "TA-SYSTEM-USER-MISSING",
  severity: "error",
  title: "Service access without a SystemUser",
  triggers: "SystemUserAllowed is true and no SystemUser is set.",
  why: "A client credentials token acts as the SystemUser; without one there is no identity, no permissions and no audit trail for what the service does.",
  seed: [
    { source: "000", sentence: "Required when SystemUserAllowed = true. Use a least-privilege user." },
    { source: "002", sentence: "Use Client Credentials flow for backend or service integrations." },
  ],
  fix: "Assign a dedicated least-privilege SystemUser, or turn SystemUserAllowed off.",
  flows: ["client_credentials"],
  check(app) {
    if (!app.SystemUserAllowed || app.SystemUser !== null) return [];
    return [finding(systemUserMissing, "SystemUser", "SystemUserAllowed is on but no SystemUser is assigned.")];
  },
};

export const systemUserPublicClient: PolicyRule = {
  id: "TA-SYSTEM-USER-PUBLIC-CLIENT",
  severity: "error",
  title: "Service access for a Public client",
  triggers: "SystemUserAllowed is true and ClientType is Public.",
  why: "A Public client cannot keep a secret, so anyone holding a copy of the app could obtain the service identity's tokens. RFC 6749 allows client credentials only for confidential clients.",
  seed: [
    { source: "002", sentence: "Avoid workarounds such as embedding service credentials in front-end apps." },
    { source: "RFC 6749 §4.4", sentence: "The client credentials grant type MUST only be used by confidential clients." },
  ],
  fix: "Turn SystemUserAllowed off, or register the backend part as a separate Confidential app.",
  flows: ["client_credentials"],
  check(app) {
    if (!app.SystemUserAllowed || app.ClientType !== "Public") return [];
    return [
      finding(systemUserPublicClient, "SystemUserAllowed", "SystemUserAllowed is on for a Public client, which cannot keep a secret."),
    ];
  },
};

export const systemUserUnused: PolicyRule = {
  id: "TA-SYSTEM-USER-UNUSED",
  severity: "info",
  title: "SystemUser set but service access is off",
  triggers:
    "A SystemUser is set while SystemUserAllowed is false and BasicAuthenticationAllowed is false (with Basic auth on, the SystemUser limits it and is in use).",
  why: "The assignment has no effect today but silently grants the user's rights the day someone turns SystemUserAllowed on.",
  seed: [
    { source: "000", sentence: "Required for client credentials flow." },
    { source: "002", sentence: "Configure Trusted Applications with minimal scopes and access modes." },
  ],
  fix: "Clear SystemUser, or turn SystemUserAllowed on if the app really runs as a service.",
  flows: [],
  check(app) {
    if (app.SystemUser === null || app.SystemUserAllowed || app.BasicAuthenticationAllowed) return [];
    return [
      finding(
        systemUserUnused,
        "SystemUser",
        `SystemUser ${q(app.SystemUser.Login)} is assigned but SystemUserAllowed is off, so it is not used.`,
      ),
    ];
  },
};
