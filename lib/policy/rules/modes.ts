// Allowed modes (seed 000): interactive user login (internal and/or community) and
// background service access. The combination should be deliberate and minimal.

import { isInteractive } from "../analysis";
import { finding, type PolicyRule } from "../rule";

export const modeNone: PolicyRule = {
  id: "TA-MODE-NONE",
  severity: "warning",
  title: "No mode enabled",
  triggers:
    "ImpersonateAsInternalUserAllowed, ImpersonateAsCommunityUserAllowed and SystemUserAllowed are all false.",
  why: "The app can neither sign users in nor run as a service, so it is unused or misconfigured; unused registrations should be disabled rather than left enabled.",
  seed: [
    { source: "000", sentence: "Disable unused apps with IsEnabled = false." },
    { source: "002", sentence: "Disable or delete unused apps (IsEnabled = false)." },
  ],
  fix: "Enable the mode the app needs, or disable the app (IsEnabled = false).",
  flows: [],
  check(app) {
    if (isInteractive(app) || app.SystemUserAllowed) return [];
    return [
      finding(
        modeNone,
        "SystemUserAllowed",
        "No mode is enabled: the app can neither sign users in nor log on as a service.",
      ),
    ];
  },
};

export const modeUserAndSystem: PolicyRule = {
  id: "TA-MODE-USER-AND-SYSTEM",
  severity: "warning",
  title: "User and service access in one app",
  triggers: "Interactive login (internal or community) and SystemUserAllowed are both on (the hybrid setup).",
  why: "One registration then holds both delegated user access and the service identity's own rights; a leak of the client secret exposes both, and the scopes cannot be narrowed for either side.",
  seed: [
    { source: "004", sentence: "Avoid combining user and system scopes in the same token." },
    {
      source: "002",
      sentence: "Use Hybrid flow only when both front-end and back-end components need separate tokens.",
    },
    { source: "002", sentence: "Use separate apps for different integrations when possible." },
  ],
  fix: "Split the service part into its own Trusted Application, unless the hybrid setup is really required.",
  flows: ["authorization_code", "client_credentials"],
  check(app) {
    if (!isInteractive(app) || !app.SystemUserAllowed) return [];
    return [
      finding(
        modeUserAndSystem,
        "SystemUserAllowed",
        "The app allows both interactive user login and service access (SystemUserAllowed).",
      ),
    ];
  },
};

export const modeCommunityOnly: PolicyRule = {
  id: "TA-MODE-COMMUNITY-ONLY",
  severity: "warning",
  title: "Only community users may sign in",
  triggers: "ImpersonateAsCommunityUserAllowed is true and ImpersonateAsInternalUserAllowed is false.",
  why: "The seed advises against it: the app is then reachable by external accounts but not by the internal staff who would operate and test it. (Seed 000's own Public SPA example is set up this way, hence a warning, not an error.)",
  seed: [
    {
      source: "000",
      sentence: "For customer or partner apps. Avoid enabling only community while disabling internal.",
    },
  ],
  fix: "Also allow internal users (ImpersonateAsInternalUserAllowed = true), or acknowledge the community-only setup.",
  flows: ["authorization_code"],
  check(app) {
    if (!app.ImpersonateAsCommunityUserAllowed || app.ImpersonateAsInternalUserAllowed) return [];
    return [
      finding(
        modeCommunityOnly,
        "ImpersonateAsInternalUserAllowed",
        "Community users may sign in but internal users may not.",
      ),
    ];
  },
};
