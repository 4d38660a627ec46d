// Least privilege for the service identity: the SystemUser must be an active, ordinary
// user dedicated to this app (seed 000 "Use a least-privilege SystemUser for service access.").

import { systemUserInUse } from "../analysis";
import { finding, otherApps, q, type PolicyRule } from "../rule";
import type { Flow, PolicyApp } from "../types";

/** The flows that act as the SystemUser in this app: client credentials and/or Basic auth. */
function systemUserFlows(app: PolicyApp): Flow[] {
  const flows: Flow[] = [];
  if (app.SystemUserAllowed) flows.push("client_credentials");
  if (app.BasicAuthenticationAllowed) flows.push("basic");
  return flows;
}

export const systemUserAdmin: PolicyRule = {
  id: "TA-SYSTEM-USER-ADMIN",
  severity: "error",
  title: "SystemUser is an administrator",
  triggers:
    "The SystemUser in use (SystemUserAllowed or BasicAuthenticationAllowed on) is an administrator. The finding lists client_credentials and/or basic, whichever acts as the user.",
  why: "Every token the service obtains carries the administrator's rights; a leaked client secret becomes full control of the instance.",
  seed: [
    { source: "000", sentence: "Use a least-privilege SystemUser for service access." },
    { source: "002", sentence: "Confirm each service user is least-privilege and properly licensed." },
    {
      source: "RFC 9700 §2.3",
      sentence:
        "The privileges associated with an access token SHOULD be restricted to the minimum required for the particular application or use case.",
    },
  ],
  fix: "Assign a dedicated non-administrator user with only the permissions the integration needs.",
  flows: ["client_credentials", "basic"],
  check(app) {
    const user = app.SystemUser;
    if (user === null || !user.IsAdministrator || !systemUserInUse(app)) return [];
    return [
      finding(systemUserAdmin, "SystemUser", `SystemUser ${q(user.Login)} is an administrator.`, systemUserFlows(app)),
    ];
  },
};

export const systemUserInactive: PolicyRule = {
  id: "TA-SYSTEM-USER-INACTIVE",
  severity: "error",
  title: "SystemUser is inactive",
  triggers: "The SystemUser in use (SystemUserAllowed or BasicAuthenticationAllowed on) is not active.",
  why: "Tokens must not be issued for a deactivated identity: deactivating a user is how its access is withdrawn.",
  seed: [
    { source: "000", sentence: "Required when SystemUserAllowed = true. Use a least-privilege user." },
    { source: "002", sentence: "Confirm each service user is least-privilege and properly licensed." },
  ],
  fix: "Assign an active service user, or turn SystemUserAllowed off.",
  flows: ["client_credentials", "basic"],
  check(app) {
    const user = app.SystemUser;
    if (user === null || user.IsActive || !systemUserInUse(app)) return [];
    return [finding(systemUserInactive, "SystemUser", `SystemUser ${q(user.Login)} is inactive.`, systemUserFlows(app))];
  },
};

export const systemUserShared: PolicyRule = {
  id: "TA-SYSTEM-USER-SHARED",
  severity: "warning",
  title: "SystemUser shared with other apps",
  triggers:
    "The SystemUser in use is also the SystemUser in use of another Trusted Application (fleet check; needs opts.fleet).",
  why: "Integrations sharing one service identity share its permissions and its audit trail: the user must have the union of their rights, and nobody can tell which integration did what.",
  seed: [
    { source: "002", sentence: "Never reuse a service token across multiple integrations." },
    { source: "002", sentence: "Each user or service identity should obtain its own token." },
    { source: "000", sentence: "Use a least-privilege SystemUser for service access." },
  ],
  fix: "Create a dedicated service user for each app.",
  flows: ["client_credentials"],
  readsFleet: true,
  check(app, opts) {
    const index = opts.fleet?.systemUserApps;
    const user = app.SystemUser;
    if (index === undefined || user === null || !systemUserInUse(app)) return [];
    const others = otherApps(index.get(user.Login), app.ApplicationUri);
    if (others === null) return [];
    return [finding(systemUserShared, "SystemUser", `SystemUser ${q(user.Login)} is also used by ${others}.`)];
  },
};
