// Test fixtures shared by the policy and schema tests (not used by production code).
// cleanApp() produces no findings at all, so each test changes one thing and sees one rule.

import type { PolicyApp, PolicyOptions, PolicySystemUser } from "./types";

export const NOW = new Date("2026-01-15T12:00:00Z");

export function daysBefore(days: number, from: Date = NOW): Date {
  return new Date(from.getTime() - days * 86_400_000);
}

export function serviceUser(overrides: Partial<PolicySystemUser> = {}): PolicySystemUser {
  return { Login: "svc-integration", IsActive: true, IsAdministrator: false, ...overrides };
}

/** A Confidential interactive web app (seed 000 "Interactive Web Application") with no findings. */
export function cleanApp(overrides: Partial<PolicyApp> = {}): PolicyApp {
  return {
    ApplicationUri: "com.vendor/portal",
    ClientType: "Confidential",
    HasApplicationSecret: true,
    SecretCreatedUtc: daysBefore(10),
    ImpersonateLoginUrl: "https://portal.vendor.com/signin-oidc",
    ImpersonateLogoutUrl: null,
    ImpersonateAsInternalUserAllowed: true,
    ImpersonateAsCommunityUserAllowed: false,
    SystemUserAllowed: false,
    SystemUser: null,
    SystemUserLoginUrl: null,
    Scope: "read",
    AccessTokens: "None",
    BasicAuthenticationAllowed: false,
    IsEnabled: true,
    ...overrides,
  };
}

export function testOptions(overrides: Partial<PolicyOptions> = {}): PolicyOptions {
  return { now: NOW, secretRotationDays: 90, allowLoopbackHttp: false, ...overrides };
}
