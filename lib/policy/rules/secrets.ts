// Client secrets: Confidential clients have one, Public clients never do, and a secret
// is rotated periodically. The policy never sees the secret or its hash, only
// HasApplicationSecret and SecretCreatedUtc.

import { finding, type PolicyRule } from "../rule";

const DAY_MS = 86_400_000;

export const secretMissing: PolicyRule = {
  id: "TA-SECRET-MISSING",
  severity: "error",
  title: "Confidential client without a secret",
  triggers: "ClientType is Confidential and no application secret is set.",
  why: "A Confidential client authenticates with its secret at the token endpoint; without one it cannot authenticate at all, and accepting it unauthenticated would treat it as Public.",
  seed: [{ source: "000", sentence: "Public = no secret. Confidential = requires secret." }],
  fix: "Generate a client secret and store it in the app's server-side configuration.",
  flows: ["client_credentials", "authorization_code"],
  check(app) {
    if (app.ClientType !== "Confidential" || app.HasApplicationSecret) return [];
    return [finding(secretMissing, "HasApplicationSecret", "The Confidential client has no client secret.")];
  },
};

export const secretOnPublic: PolicyRule = {
  id: "TA-SECRET-ON-PUBLIC",
  severity: "error",
  title: "Public client with a secret",
  triggers: "ClientType is Public and an application secret is set.",
  why: "A secret shipped in a SPA, mobile or desktop app is readable by anyone who has the app, so it proves nothing (RFC 6749 §2.3) while looking like client authentication. Either the app is really Confidential (wrong ClientType: it would lose the confidential-client treatment) or the secret is already exposed. Both the authorization code and client credentials flows are refused until the contradiction is resolved; removing the secret or changing ClientType is a one-click fix.",
  seed: [
    { source: "002", sentence: "Only Confidential clients can have secrets." },
    { source: "002", sentence: "Do not include secrets in public apps (SPAs, mobile, or native clients)." },
    { source: "000", sentence: "Confidential apps only. Never store plain text secrets." },
    {
      source: "RFC 6749 §2.3",
      sentence:
        "However, the authorization server MUST NOT rely on public client authentication for the purpose of identifying the client.",
    },
  ],
  fix: "Remove the secret (and rotate it anywhere it was used), or change ClientType to Confidential if the app runs on a server.",
  flows: ["authorization_code", "client_credentials"],
  check(app) {
    if (app.ClientType !== "Public" || !app.HasApplicationSecret) return [];
    return [finding(secretOnPublic, "HasApplicationSecret", "The Public client has a client secret.")];
  },
};

export const secretRotation: PolicyRule = {
  id: "TA-SECRET-ROTATION",
  severity: "warning",
  title: "Client secret due for rotation",
  triggers: "A Confidential client's secret is older than secretRotationDays (default 90) by SecretCreatedUtc.",
  why: "A long-lived secret has had more chances to leak through logs, backups and people; periodic rotation bounds the damage.",
  seed: [
    { source: "000", sentence: "Rotate secrets and API keys periodically." },
    { source: "002", sentence: "Rotate secrets periodically and immediately after exposure." },
  ],
  fix: "Rotate the client secret and update the app's configuration.",
  flows: ["client_credentials", "authorization_code"],
  check(app, opts) {
    const created = app.SecretCreatedUtc;
    if (app.ClientType !== "Confidential" || !app.HasApplicationSecret || created === null) return [];
    const ageMs = opts.now.getTime() - created.getTime();
    if (ageMs <= opts.secretRotationDays * DAY_MS) return [];
    const days = Math.floor(ageMs / DAY_MS);
    return [
      finding(
        secretRotation,
        "SecretCreatedUtc",
        `The client secret is ${days} days old; rotate it every ${opts.secretRotationDays} days.`,
      ),
    ];
  },
};

export const secretAgeUnknown: PolicyRule = {
  id: "TA-SECRET-AGE-UNKNOWN",
  severity: "info",
  title: "Client secret of unknown age",
  triggers: "A Confidential client has a secret but SecretCreatedUtc is not recorded (e.g. imported data).",
  why: "Rotation cannot be tracked without the creation date; the secret may be years old.",
  seed: [{ source: "000", sentence: "Rotate secrets and API keys periodically." }],
  fix: "Rotate the secret once so its creation date is recorded.",
  flows: [],
  check(app) {
    if (app.ClientType !== "Confidential" || !app.HasApplicationSecret || app.SecretCreatedUtc !== null) return [];
    return [finding(secretAgeUnknown, "SecretCreatedUtc", "The client secret's creation date is unknown.")];
  },
};
