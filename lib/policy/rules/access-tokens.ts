// AccessTokens policy (seed 000): who may issue reference tokens (PAT/SAT) for the app.
// Start with None; prefer AdministratorsOnly when reference tokens are needed.

import { finding, type PolicyRule } from "../rule";

export const accessTokensAuthenticatedUsers: PolicyRule = {
  id: "TA-ACCESS-TOKENS-AUTHENTICATED-USERS",
  severity: "warning",
  title: "Any signed-in user may issue reference tokens",
  triggers: "AccessTokens is AuthenticatedUsers.",
  why: "Reference tokens (PAT/SAT) are long-lived API keys; letting every user mint them for this app multiplies credentials that outlive sessions and escape review.",
  seed: [
    {
      source: "000",
      sentence: "If you must allow reference tokens, prefer AdministratorsOnly. Avoid AuthenticatedUsers unless there is a narrowly scoped.",
    },
    {
      source: "000",
      sentence:
        "Start with None. Moving away from None introduces additional security risk and should be considered carefully with a clear operational need.",
    },
    {
      source: "002",
      sentence:
        "Review who can issue reference tokens via the AccessTokens policy (None, AuthenticatedUsers, AdministratorsOnly).",
    },
  ],
  fix: "Set AccessTokens to AdministratorsOnly, or None if reference tokens are not needed.",
  flows: ["reference_tokens"],
  check(app) {
    if (app.AccessTokens !== "AuthenticatedUsers") return [];
    return [
      finding(accessTokensAuthenticatedUsers, "AccessTokens", "Any signed-in user may issue reference tokens for this app."),
    ];
  },
};

export const accessTokensAdministrators: PolicyRule = {
  id: "TA-ACCESS-TOKENS-ADMINISTRATORS",
  severity: "info",
  title: "Administrators may issue reference tokens",
  triggers: "AccessTokens is AdministratorsOnly.",
  why: "The preferred setting when reference tokens are needed, but still a move away from None that should have a clear operational need.",
  seed: [
    {
      source: "000",
      sentence:
        "Start with None. Moving away from None introduces additional security risk and should be considered carefully with a clear operational need.",
    },
    { source: "002", sentence: "Use Reference Access Tokens (PAT or SAT) only when long-lived access is required." },
  ],
  fix: "Keep it only if long-lived API keys are required; otherwise set AccessTokens to None.",
  flows: ["reference_tokens"],
  check(app) {
    if (app.AccessTokens !== "AdministratorsOnly") return [];
    return [finding(accessTokensAdministrators, "AccessTokens", "Administrators may issue reference tokens for this app.")];
  },
};
