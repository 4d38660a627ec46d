// Legacy Basic authentication. Seed 003: one app with BasicAuthenticationAllowed on
// opens Basic auth for the whole database unless a SystemUser narrows it to that user.

import { finding, q, type PolicyRule } from "../rule";

const seed003Whole = {
  source: "003",
  sentence:
    "Even if only one application has this turned ON, it allows the basic authentication for the whole database.",
} as const;
const seed003User = {
  source: "003",
  sentence: "If a user is specified in System User, the basic authentication is allowed only for this user.",
} as const;

export const basicAuthDatabase: PolicyRule = {
  id: "TA-BASIC-AUTH-DATABASE",
  severity: "error",
  title: "Basic authentication opened for the whole database",
  triggers: "BasicAuthenticationAllowed is true and no SystemUser is set.",
  why: "Every user of the instance can then authenticate with a password sent on each request, bypassing OAuth, token scopes and the Trusted Application's limits. The seeds are explicit that one app is enough.",
  seed: [
    seed003Whole,
    { source: "003", sentence: "Use with caution!" },
    { source: "000", sentence: "Always use OAuth 2.0. Keep BasicAuthenticationAllowed = false." },
    { source: "000", sentence: "Off by default. Avoid unless required." },
    { source: "RFC 9700 §2.4", sentence: "The resource owner password credentials grant [RFC6749] MUST NOT be used." },
  ],
  fix: "Turn BasicAuthenticationAllowed off and move the client to OAuth 2.0; if a legacy client truly needs it, restrict it with a SystemUser.",
  flows: ["basic"],
  check(app) {
    if (!app.BasicAuthenticationAllowed || app.SystemUser !== null) return [];
    return [
      finding(
        basicAuthDatabase,
        "BasicAuthenticationAllowed",
        "Basic authentication is on without a SystemUser, which allows it for every user of the database.",
      ),
    ];
  },
};

export const basicAuthSystemUser: PolicyRule = {
  id: "TA-BASIC-AUTH-SYSTEM-USER",
  severity: "warning",
  title: "Basic authentication limited to the SystemUser",
  triggers: "BasicAuthenticationAllowed is true and a SystemUser is set.",
  why: "Basic auth is limited to one user, but that user's password now travels with every request and is not covered by OAuth scopes or token lifetimes.",
  seed: [
    seed003User,
    { source: "000", sentence: "Always use OAuth 2.0. Keep BasicAuthenticationAllowed = false." },
    { source: "000", sentence: "Off by default. Avoid unless required." },
  ],
  fix: "Move the client to OAuth 2.0 (client credentials) and turn BasicAuthenticationAllowed off.",
  flows: ["basic"],
  check(app) {
    if (!app.BasicAuthenticationAllowed || app.SystemUser === null) return [];
    return [
      finding(
        basicAuthSystemUser,
        "BasicAuthenticationAllowed",
        `Basic authentication is on, limited to SystemUser ${q(app.SystemUser.Login)}.`,
      ),
    ];
  },
};
