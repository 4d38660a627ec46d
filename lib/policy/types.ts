// The policy's view of a Trusted Application: the attributes of
// Systems.Security.TrustedApplications (seed 003) plus the AccessTokens policy
// (seed 000), spelled as in the seeds. Pure data: no Prisma, no React, no Next.
// The secret itself and its hash never reach the policy, only whether one is set
// and when it was set.

export type ClientType = "Confidential" | "Public";
export const CLIENT_TYPES = ["Confidential", "Public"] as const satisfies readonly ClientType[];

export type AccessTokensPolicy = "None" | "AuthenticatedUsers" | "AdministratorsOnly";
export const ACCESS_TOKENS_POLICIES = [
  "None",
  "AuthenticatedUsers",
  "AdministratorsOnly",
] as const satisfies readonly AccessTokensPolicy[];

/** The referenced Systems.Security.Users record, as far as the rules need it. */
export interface PolicySystemUser {
  Login: string;
  IsActive: boolean;
  IsAdministrator: boolean;
}

export interface PolicyApp {
  ApplicationUri: string;
  ClientType: ClientType;
  /** ApplicationSecretHash is set (the hash itself is never given to the policy). */
  HasApplicationSecret: boolean;
  /** When the current secret was generated; null when unknown or no secret. */
  SecretCreatedUtc: Date | null;
  /** Comma-separated list of login redirect URIs, as the seed stores it. */
  ImpersonateLoginUrl: string | null;
  /** Comma-separated list of post-logout redirect URIs, as the seed stores it. */
  ImpersonateLogoutUrl: string | null;
  ImpersonateAsInternalUserAllowed: boolean;
  ImpersonateAsCommunityUserAllowed: boolean;
  SystemUserAllowed: boolean;
  SystemUser: PolicySystemUser | null;
  SystemUserLoginUrl: string | null;
  /** Space-delimited, case-sensitive scope list (RFC 6749 §3.3). */
  Scope: string | null;
  AccessTokens: AccessTokensPolicy;
  BasicAuthenticationAllowed: boolean;
  IsEnabled: boolean;
}

/**
 * - `error`: cannot work safely; the token endpoint refuses the flows in the finding's `flows`.
 * - `warning`: risky but allowed; saving needs the administrator's acknowledgement.
 * - `info`: advice.
 */
export type Severity = "error" | "warning" | "info";
export const SEVERITIES = ["error", "warning", "info"] as const satisfies readonly Severity[];

/** The flows a finding can concern; the token endpoint refuses a flow with an error finding for it. */
export type Flow = "client_credentials" | "authorization_code" | "basic" | "reference_tokens";

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The seed attribute the finding points at. */
  field: keyof PolicyApp | "SystemUser";
  message: string;
  fix: string;
  /** Flows this finding concerns; an error finding refuses these flows at the token endpoint. */
  flows: readonly Flow[];
}

/** Facts about the whole fleet that some rules need (least privilege, duplicates). */
export interface FleetFacts {
  /** Login of a SystemUser -> ApplicationUris of the apps that use it. */
  systemUserApps: ReadonlyMap<string, readonly string[]>;
  /** Redirect URI -> ApplicationUris of the apps that register it. */
  redirectUriApps: ReadonlyMap<string, readonly string[]>;
}

export interface PolicyOptions {
  now: Date;
  /** Rotation period for client secrets, in days (default 90). */
  secretRotationDays: number;
  /** Development mode: loopback http redirect URIs are allowed (RFC 8252 §7.3). */
  allowLoopbackHttp: boolean;
  fleet?: FleetFacts;
}
