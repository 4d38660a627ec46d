// Fixtures of the CLI integration test (not used by production code): a fleet holding one
// app per configuration rule, each built so that its rule flags it, plus one clean app.
// Written straight through Prisma, because some rules (a relative redirect URI, a malformed
// scope) describe rows that the form and the import refuse, yet legacy data can hold.
import { generateClientSecret, hashSecret } from "@/lib/oauth/clients/secrets";
import { cleanApp } from "@/lib/policy/testing";
import type { PolicyApp, PolicySystemUser } from "@/lib/policy/types";
import type { Db } from "@/lib/db/client";

const DAY_MS = 86_400_000;

export const CLEAN_URI = "com.vendor/clean";

const user = (Login: string, overrides: Partial<PolicySystemUser> = {}): PolicySystemUser => ({
  Login,
  IsActive: true,
  IsAdministrator: false,
  ...overrides,
});

/** Service users; each app gets its own so that only the "shared" fixture shares one. */
export const FIXTURE_USERS: readonly PolicySystemUser[] = [
  user("svc-basic"),
  user("svc-hybrid"),
  user("svc-unused"),
  user("svc-public"),
  user("svc-shared"),
  user("svc-admin", { IsAdministrator: true }),
  user("svc-inactive", { IsActive: false }),
];

const users = new Map(FIXTURE_USERS.map((u) => [u.Login, u]));
const svc = (login: string) => users.get(login)!;

function slug(uri: string): string {
  return uri.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
}

/** A clean Confidential interactive web app (seed 000) with a fresh secret and its own redirect URI. */
function interactive(uri: string, now: Date, overrides: Partial<PolicyApp> = {}): PolicyApp {
  return cleanApp({
    ApplicationUri: uri,
    SecretCreatedUtc: new Date(now.getTime() - 10 * DAY_MS),
    ImpersonateLoginUrl: `https://${slug(uri)}.vendor.com/signin-oidc`,
    ...overrides,
  });
}

/** A service integration (seed 000): client credentials as a SystemUser, no interactive login. */
function service(uri: string, now: Date, systemUser: PolicySystemUser | null, overrides: Partial<PolicyApp> = {}): PolicyApp {
  return interactive(uri, now, {
    ImpersonateLoginUrl: null,
    ImpersonateAsInternalUserAllowed: false,
    SystemUserAllowed: true,
    SystemUser: systemUser,
    ...overrides,
  });
}

/** Rule id -> the apps that trigger it (two where the rule is about sharing between apps). */
export function ruleFixtures(now: Date): Record<string, PolicyApp[]> {
  const app = (rule: string, overrides: Partial<PolicyApp> = {}) =>
    interactive(`com.vendor/${rule.slice(3).toLowerCase()}`, now, overrides);
  const svcApp = (rule: string, systemUser: PolicySystemUser | null, overrides: Partial<PolicyApp> = {}) =>
    service(`com.vendor/${rule.slice(3).toLowerCase()}`, now, systemUser, overrides);
  return {
    "TA-ACCESS-TOKENS-ADMINISTRATORS": [app("TA-ACCESS-TOKENS-ADMINISTRATORS", { AccessTokens: "AdministratorsOnly" })],
    "TA-ACCESS-TOKENS-AUTHENTICATED-USERS": [app("TA-ACCESS-TOKENS-AUTHENTICATED-USERS", { AccessTokens: "AuthenticatedUsers" })],
    "TA-APP-DISABLED": [app("TA-APP-DISABLED", { IsEnabled: false })],
    "TA-APP-URI-FORMAT": [interactive("legacy-portal", now)],
    "TA-BASIC-AUTH-DATABASE": [app("TA-BASIC-AUTH-DATABASE", { BasicAuthenticationAllowed: true })],
    "TA-BASIC-AUTH-SYSTEM-USER": [app("TA-BASIC-AUTH-SYSTEM-USER", { BasicAuthenticationAllowed: true, SystemUser: svc("svc-basic") })],
    "TA-MODE-COMMUNITY-ONLY": [app("TA-MODE-COMMUNITY-ONLY", { ImpersonateAsInternalUserAllowed: false, ImpersonateAsCommunityUserAllowed: true })],
    "TA-MODE-NONE": [app("TA-MODE-NONE", { ImpersonateAsInternalUserAllowed: false, ImpersonateLoginUrl: null })],
    "TA-MODE-USER-AND-SYSTEM": [app("TA-MODE-USER-AND-SYSTEM", { SystemUserAllowed: true, SystemUser: svc("svc-hybrid") })],
    "TA-REDIRECT-DUPLICATE": [
      app("TA-REDIRECT-DUPLICATE", { ImpersonateLoginUrl: "https://dup.vendor.com/cb,https://dup.vendor.com/cb" }),
    ],
    "TA-REDIRECT-FRAGMENT": [app("TA-REDIRECT-FRAGMENT", { ImpersonateLoginUrl: "https://fragment.vendor.com/cb#done" })],
    "TA-REDIRECT-HTTPS": [app("TA-REDIRECT-HTTPS", { ImpersonateLoginUrl: "http://plain.vendor.com/cb" })],
    "TA-REDIRECT-LOGIN-MISSING": [app("TA-REDIRECT-LOGIN-MISSING", { ImpersonateLoginUrl: null })],
    "TA-REDIRECT-NOT-ABSOLUTE": [app("TA-REDIRECT-NOT-ABSOLUTE", { ImpersonateLoginUrl: "/signin-oidc" })],
    "TA-REDIRECT-PLACEHOLDER": [app("TA-REDIRECT-PLACEHOLDER", { ImpersonateLoginUrl: "https://portal.example.com/signin-oidc" })],
    "TA-REDIRECT-SHARED": [
      interactive("com.vendor/redirect-shared-a", now, { ImpersonateLoginUrl: "https://shared.vendor.com/cb" }),
      interactive("com.vendor/redirect-shared-b", now, { ImpersonateLoginUrl: "https://shared.vendor.com/cb" }),
    ],
    "TA-REDIRECT-UNUSED": [app("TA-REDIRECT-UNUSED", { ImpersonateAsInternalUserAllowed: false })],
    "TA-REDIRECT-WILDCARD": [app("TA-REDIRECT-WILDCARD", { ImpersonateLoginUrl: "https://*.vendor.com/cb" })],
    "TA-SCOPE-DEPRECATED": [app("TA-SCOPE-DEPRECATED", { Scope: "read DomainApi" })],
    "TA-SCOPE-EMPTY": [app("TA-SCOPE-EMPTY", { Scope: null })],
    "TA-SCOPE-IDENTITY-CONFIGURED": [app("TA-SCOPE-IDENTITY-CONFIGURED", { Scope: "openid read" })],
    "TA-SCOPE-OFFLINE-PUBLIC": [
      app("TA-SCOPE-OFFLINE-PUBLIC", { ClientType: "Public", HasApplicationSecret: false, SecretCreatedUtc: null, Scope: "read offline_access" }),
    ],
    "TA-SCOPE-SEC": [app("TA-SCOPE-SEC", { Scope: "read sec" })],
    "TA-SCOPE-SYNTAX": [app("TA-SCOPE-SYNTAX", { Scope: 'read "inventory"' })],
    "TA-SCOPE-UNKNOWN": [app("TA-SCOPE-UNKNOWN", { Scope: "read inventory" })],
    "TA-SCOPE-UPDATE": [app("TA-SCOPE-UPDATE", { Scope: "read update" })],
    "TA-SECRET-AGE-UNKNOWN": [app("TA-SECRET-AGE-UNKNOWN", { SecretCreatedUtc: null })],
    "TA-SECRET-MISSING": [app("TA-SECRET-MISSING", { HasApplicationSecret: false, SecretCreatedUtc: null })],
    "TA-SECRET-ON-PUBLIC": [app("TA-SECRET-ON-PUBLIC", { ClientType: "Public" })],
    "TA-SECRET-ROTATION": [app("TA-SECRET-ROTATION", { SecretCreatedUtc: new Date(now.getTime() - 120 * DAY_MS) })],
    "TA-SYSTEM-USER-ADMIN": [svcApp("TA-SYSTEM-USER-ADMIN", svc("svc-admin"))],
    "TA-SYSTEM-USER-INACTIVE": [svcApp("TA-SYSTEM-USER-INACTIVE", svc("svc-inactive"))],
    "TA-SYSTEM-USER-MISSING": [svcApp("TA-SYSTEM-USER-MISSING", null)],
    "TA-SYSTEM-USER-PUBLIC-CLIENT": [
      svcApp("TA-SYSTEM-USER-PUBLIC-CLIENT", svc("svc-public"), { ClientType: "Public", HasApplicationSecret: false, SecretCreatedUtc: null }),
    ],
    "TA-SYSTEM-USER-SHARED": [
      service("com.vendor/system-user-shared-a", now, svc("svc-shared")),
      service("com.vendor/system-user-shared-b", now, svc("svc-shared")),
    ],
    "TA-SYSTEM-USER-UNUSED": [app("TA-SYSTEM-USER-UNUSED", { SystemUser: svc("svc-unused") })],
  };
}

export function cleanFixture(now: Date): PolicyApp {
  return interactive(CLEAN_URI, now);
}

/** Writes users and apps; the secret of an app that has one is random and only its SHA-256 is stored. */
export async function writeFleet(db: Db, apps: readonly PolicyApp[], systemUsers: readonly PolicySystemUser[] = FIXTURE_USERS): Promise<void> {
  await db.user.createMany({
    data: systemUsers.map((u) => ({ Login: u.Login, DisplayName: u.Login, IsActive: u.IsActive, IsAdministrator: u.IsAdministrator })),
    skipDuplicates: true,
  });
  const ids = new Map(
    (await db.user.findMany({ where: { Login: { in: systemUsers.map((u) => u.Login) } }, select: { Id: true, Login: true } })).map(
      (u) => [u.Login, u.Id],
    ),
  );
  if (apps.length === 0) return;
  await db.trustedApplication.createMany({
    data: apps.map((a) => ({
      ApplicationUri: a.ApplicationUri,
      Name: `App ${a.ApplicationUri}`,
      ClientType: a.ClientType,
      ApplicationSecretHash: a.HasApplicationSecret ? hashSecret(generateClientSecret()) : null,
      ApplicationSecretCreatedUtc: a.HasApplicationSecret ? a.SecretCreatedUtc : null,
      ImpersonateLoginUrl: a.ImpersonateLoginUrl,
      ImpersonateLogoutUrl: a.ImpersonateLogoutUrl,
      ImpersonateAsInternalUserAllowed: a.ImpersonateAsInternalUserAllowed,
      ImpersonateAsCommunityUserAllowed: a.ImpersonateAsCommunityUserAllowed,
      SystemUserAllowed: a.SystemUserAllowed,
      SystemUserId: a.SystemUser ? ids.get(a.SystemUser.Login)! : null,
      SystemUserLoginUrl: a.SystemUserLoginUrl,
      Scope: a.Scope,
      AccessTokens: a.AccessTokens,
      BasicAuthenticationAllowed: a.BasicAuthenticationAllowed,
      IsEnabled: a.IsEnabled,
    })),
  });
}
