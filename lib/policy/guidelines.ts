// Every guideline sentence of the seeds, quoted exactly, mapped to the rules that
// enforce it, or to `enforcedBy` when it is not a Trusted Application property.
// Seed 000 was extracted with the spaces around inline code lost ("fromNoneintroduces");
// the quotes restore them and guidelines.test.ts compares ignoring whitespace.

import type { SeedSource } from "./rule";

export interface Guideline {
  source: SeedSource;
  /** Where in the seed: heading, or table and column. */
  section: string;
  sentence: string;
  /** Rule ids (RULES or REQUEST_RULES) enforcing the sentence, fully or in part. */
  ruleIds: readonly string[];
  /** Who enforces what the configuration rules cannot (or the part they cannot). */
  enforcedBy?: string;
}

const TOKEN_ENDPOINT = "the token endpoint (lib/oauth)";

export const GUIDELINES: readonly Guideline[] = [
  // ---- 000: Key Attributes (Essentials), Notes column ----
  {
    source: "000",
    section: "Key Attributes: ApplicationUri (Notes)",
    sentence: "Required. Use a stable, globally unique value (for example, com.vendor/app).",
    ruleIds: ["TA-APP-URI-FORMAT"],
    enforcedBy: "Required and unique: the form schema (lib/schemas) and the database's unique index on ApplicationUri.",
  },
  {
    source: "000",
    section: "Key Attributes: ClientType (Notes)",
    sentence: "Public = no secret. Confidential = requires secret.",
    ruleIds: ["TA-SECRET-MISSING", "TA-SECRET-ON-PUBLIC"],
  },
  {
    source: "000",
    section: "Key Attributes: ApplicationSecretHash (Notes)",
    sentence: "Confidential apps only. Never store plain text secrets.",
    ruleIds: ["TA-SECRET-ON-PUBLIC"],
    enforcedBy: "Storage: the secret is shown once and only its SHA-256 hash is stored (lib/db); the policy never sees either.",
  },
  {
    source: "000",
    section: "Key Attributes: ImpersonateLoginUrl (Notes)",
    sentence: "Comma-separated list; exact match required.",
    ruleIds: ["TA-REDIRECT-WILDCARD", "TA-REDIRECT-NOT-ABSOLUTE", "TA-REDIRECT-DUPLICATE", "TA-REQ-REDIRECT-UNREGISTERED"],
    enforcedBy:
      "Exact match: the authorization endpoint compares redirect_uri with each entry by simple string comparison (decideRedirectUri) and answers a mismatch with an error page, never a redirect.",
  },
  {
    source: "000",
    section: "Key Attributes: ImpersonateLogoutUrl (Notes)",
    sentence: "Comma-separated list; exact match required.",
    ruleIds: ["TA-REDIRECT-WILDCARD", "TA-REDIRECT-NOT-ABSOLUTE", "TA-REDIRECT-DUPLICATE", "TA-REQ-LOGOUT-REDIRECT-UNREGISTERED"],
    enforcedBy:
      "Exact match: the end-session endpoint redirects only to a post_logout_redirect_uri equal to an entry (decidePostLogoutRedirect); otherwise it shows its own signed-out page.",
  },
  {
    source: "000",
    section: "Key Attributes: ImpersonateAsInternalUserAllowed (Notes)",
    sentence: "Enables sign-in with internal accounts.",
    ruleIds: ["TA-REDIRECT-LOGIN-MISSING", "TA-REQ-USER-TYPE", "TA-REQ-INTERACTIVE-OFF"],
    enforcedBy:
      "The identity server's sign-in step admits internal users only when the flag is on, and every code exchange and refresh checks it again (decideUserType).",
  },
  {
    source: "000",
    section: "Key Attributes: ImpersonateAsCommunityUserAllowed (Notes)",
    sentence: "For customer or partner apps. Avoid enabling only community while disabling internal.",
    ruleIds: ["TA-MODE-COMMUNITY-ONLY", "TA-REQ-USER-TYPE"],
  },
  {
    source: "000",
    section: "Key Attributes: SystemUserAllowed (Notes)",
    sentence: "Required for client credentials flow.",
    ruleIds: ["TA-SYSTEM-USER-UNUSED"],
    enforcedBy: `${TOKEN_ENDPOINT}: grant_type=client_credentials is refused (unauthorized_client) when SystemUserAllowed = false.`,
  },
  {
    source: "000",
    section: "Key Attributes: SystemUser (Notes)",
    sentence: "Required when SystemUserAllowed = true. Use a least-privilege user.",
    ruleIds: ["TA-SYSTEM-USER-MISSING", "TA-SYSTEM-USER-ADMIN", "TA-SYSTEM-USER-INACTIVE"],
  },
  {
    source: "000",
    section: "Key Attributes: Scope (Notes)",
    sentence: "Example: read update. Request only what is necessary.",
    ruleIds: ["TA-SCOPE-EMPTY", "TA-SCOPE-UPDATE", "TA-REQ-SCOPE-NOT-ALLOWED"],
  },
  {
    source: "000",
    section: "Key Attributes: AccessTokens (Notes)",
    sentence: "None, AuthenticatedUsers, or AdministratorsOnly.",
    ruleIds: ["TA-ACCESS-TOKENS-AUTHENTICATED-USERS", "TA-ACCESS-TOKENS-ADMINISTRATORS"],
    enforcedBy: "The allowed values: the form schema (lib/schemas) and the database enum.",
  },
  {
    source: "000",
    section: "Key Attributes: BasicAuthenticationAllowed (Notes)",
    sentence: "Off by default. Avoid unless required.",
    ruleIds: ["TA-BASIC-AUTH-DATABASE", "TA-BASIC-AUTH-SYSTEM-USER"],
  },
  {
    source: "000",
    section: "Key Attributes: IsEnabled (Notes)",
    sentence: "Acts as an immediate kill switch.",
    ruleIds: ["TA-APP-DISABLED", "TA-REQ-GRANT-REVOKED"],
    enforcedBy: `${TOKEN_ENDPOINT}: a disabled app is refused every flow, its users' refresh tokens fail at once (invalid_grant), and the authorization endpoint shows an error page instead of signing anybody in.`,
  },
  // ---- 000: Scopes and Access Policies ----
  {
    source: "000",
    section: "Scopes and Access Policies: sec (Recommended for)",
    sentence: "Reserved; not for external apps.",
    ruleIds: ["TA-SCOPE-SEC", "TA-REQ-SCOPE-SEC"],
  },
  {
    source: "000",
    section: "Scopes and Access Policies: Note",
    sentence: "Always follow least-privilege principles. Start with read, and add update only when required.",
    ruleIds: ["TA-SCOPE-UPDATE"],
  },
  // ---- 000: AccessTokens Policy, Guidance ----
  {
    source: "000",
    section: "AccessTokens Policy: Guidance",
    sentence:
      "Start with None. Moving away from None introduces additional security risk and should be considered carefully with a clear operational need.",
    ruleIds: ["TA-ACCESS-TOKENS-AUTHENTICATED-USERS", "TA-ACCESS-TOKENS-ADMINISTRATORS"],
  },
  {
    source: "000",
    section: "AccessTokens Policy: Guidance",
    sentence: "If you must allow reference tokens, prefer AdministratorsOnly. Avoid AuthenticatedUsers unless there is a narrowly scoped.",
    ruleIds: ["TA-ACCESS-TOKENS-AUTHENTICATED-USERS"],
  },
  // ---- 000: Security Guidelines ----
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Always use OAuth 2.0. Keep BasicAuthenticationAllowed = false.",
    ruleIds: ["TA-BASIC-AUTH-DATABASE", "TA-BASIC-AUTH-SYSTEM-USER"],
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Use Confidential clients for server-side apps; Public for SPAs and native clients.",
    ruleIds: ["TA-SYSTEM-USER-PUBLIC-CLIENT", "TA-SECRET-ON-PUBLIC"],
    enforcedBy:
      "Where an app runs is not recorded; the administrator picks ClientType (the form's templates preset it). The rules catch the contradictions.",
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Store only secret hashes; never the raw secret.",
    ruleIds: [],
    enforcedBy: "Storage (lib/db): only the SHA-256 hash is stored; the policy only learns HasApplicationSecret.",
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Rotate secrets and API keys periodically.",
    ruleIds: ["TA-SECRET-ROTATION", "TA-SECRET-AGE-UNKNOWN"],
    enforcedBy: "API keys (PAT/SAT): their lifetime is set when a reference token is issued.",
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Grant the minimal required scopes.",
    ruleIds: ["TA-SCOPE-UPDATE", "TA-SCOPE-UNKNOWN", "TA-SCOPE-SEC"],
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Use a least-privilege SystemUser for service access.",
    ruleIds: ["TA-SYSTEM-USER-ADMIN", "TA-SYSTEM-USER-SHARED"],
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Restrict redirect URIs to exact, HTTPS-based matches.",
    ruleIds: ["TA-REDIRECT-HTTPS", "TA-REDIRECT-WILDCARD", "TA-REDIRECT-NOT-ABSOLUTE", "TA-REQ-REDIRECT-UNREGISTERED", "TA-REQ-REDIRECT-UNSAFE"],
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Disable unused apps with IsEnabled = false.",
    ruleIds: ["TA-MODE-NONE", "TA-APP-DISABLED"],
  },
  {
    source: "000",
    section: "Security Guidelines",
    sentence: "Audit all trusted apps periodically for owners, scopes, and usage.",
    ruleIds: [],
    enforcedBy: "The review dashboard and the lint CLI (lintFleet); owners and usage are reviewed by people, not rules.",
  },
  // ---- 002: Always Use HTTPS ----
  {
    source: "002",
    section: "Always Use HTTPS",
    sentence: "All authentication and token exchange endpoints require HTTPS.",
    ruleIds: [],
    enforcedBy: "Deployment: the identity endpoints are served over TLS only; not a Trusted Application property.",
  },
  {
    source: "002",
    section: "Always Use HTTPS",
    sentence: "Never use http:// except in local development with valid self-signed certificates.",
    ruleIds: ["TA-REDIRECT-HTTPS"],
  },
  {
    source: "002",
    section: "Always Use HTTPS",
    sentence: "Redirect URIs must also use HTTPS for production deployments.",
    ruleIds: ["TA-REDIRECT-HTTPS"],
  },
  // ---- 002: Protect Client Secrets ----
  {
    source: "002",
    section: "Protect Client Secrets",
    sentence: "Only Confidential clients can have secrets.",
    ruleIds: ["TA-SECRET-ON-PUBLIC"],
  },
  {
    source: "002",
    section: "Protect Client Secrets",
    sentence: "Do not include secrets in public apps (SPAs, mobile, or native clients).",
    ruleIds: ["TA-SECRET-ON-PUBLIC", "TA-SYSTEM-USER-PUBLIC-CLIENT"],
  },
  {
    source: "002",
    section: "Protect Client Secrets",
    sentence: "Store secrets securely on the server using environment variables or secret vaults.",
    ruleIds: [],
    enforcedBy: "The client app's operators; the console shows a new secret exactly once.",
  },
  {
    source: "002",
    section: "Protect Client Secrets",
    sentence: "Rotate secrets periodically and immediately after exposure.",
    ruleIds: ["TA-SECRET-ROTATION", "TA-SECRET-AGE-UNKNOWN"],
    enforcedBy: "After exposure: the administrator uses the console's rotate-secret action.",
  },
  // ---- 002: Use the Correct Flow ----
  {
    source: "002",
    section: "Use the Correct Flow",
    sentence: "Use Authorization Code flow (with PKCE) for interactive apps.",
    ruleIds: ["TA-REDIRECT-LOGIN-MISSING", "TA-REQ-PKCE-REQUIRED", "TA-REQ-PKCE-S256"],
    enforcedBy:
      "The authorization endpoint answers response_type=code only and requires an S256 code_challenge from every client; the token endpoint requires the matching code_verifier (RFC 7636 §4.6).",
  },
  {
    source: "002",
    section: "Use the Correct Flow",
    sentence: "Use Client Credentials flow for backend or service integrations.",
    ruleIds: ["TA-SYSTEM-USER-MISSING"],
  },
  {
    source: "002",
    section: "Use the Correct Flow",
    sentence: "Use Hybrid flow only when both front-end and back-end components need separate tokens.",
    ruleIds: ["TA-MODE-USER-AND-SYSTEM"],
  },
  {
    source: "002",
    section: "Use the Correct Flow",
    sentence: "Avoid workarounds such as embedding service credentials in front-end apps.",
    ruleIds: ["TA-SYSTEM-USER-PUBLIC-CLIENT", "TA-SECRET-ON-PUBLIC"],
  },
  // ---- 002: Apply Least Privilege ----
  {
    source: "002",
    section: "Apply Least Privilege",
    sentence: "Request only the scopes your app needs (read, update, etc.).",
    ruleIds: ["TA-REQ-SCOPE-NOT-ALLOWED", "TA-SCOPE-UPDATE"],
  },
  {
    source: "002",
    section: "Apply Least Privilege",
    sentence: "Avoid unnecessary permissions or broad access.",
    ruleIds: ["TA-SCOPE-UPDATE", "TA-SYSTEM-USER-ADMIN", "TA-ACCESS-TOKENS-AUTHENTICATED-USERS"],
  },
  {
    source: "002",
    section: "Apply Least Privilege",
    sentence: "Configure Trusted Applications with minimal scopes and access modes.",
    ruleIds: [
      "TA-MODE-USER-AND-SYSTEM",
      "TA-SYSTEM-USER-UNUSED",
      "TA-REDIRECT-UNUSED",
      "TA-SCOPE-IDENTITY-CONFIGURED",
    ],
  },
  {
    source: "002",
    section: "Apply Least Privilege",
    sentence: "Use separate apps for different integrations when possible.",
    ruleIds: ["TA-SYSTEM-USER-SHARED", "TA-REDIRECT-SHARED", "TA-MODE-USER-AND-SYSTEM"],
  },
  // ---- 002: Handle Tokens Securely ----
  {
    source: "002",
    section: "Handle Tokens Securely",
    sentence: "Treat all tokens as confidential credentials.",
    ruleIds: [],
    enforcedBy: `${TOKEN_ENDPOINT} answers with Cache-Control: no-store (RFC 6749 §5.1); client apps keep tokens secret.`,
  },
  {
    source: "002",
    section: "Handle Tokens Securely",
    sentence: "Never log, email, or store tokens in plain text.",
    ruleIds: [],
    enforcedBy: `${TOKEN_ENDPOINT} and the audit log never record token values; reference tokens are stored hashed.`,
  },
  {
    source: "002",
    section: "Handle Tokens Securely",
    sentence: "Always send tokens in the Authorization: Bearer header.",
    ruleIds: [],
    enforcedBy: "Client apps and the ERP.net APIs (resource servers, RFC 6750 §2.1); not a configuration property.",
  },
  {
    source: "002",
    section: "Handle Tokens Securely",
    sentence: "Do not include tokens in URLs or query parameters.",
    ruleIds: ["TA-REDIRECT-FRAGMENT"],
    enforcedBy:
      "Only response_type=code is offered, so tokens never travel in a redirect; the UserInfo endpoint accepts the access token only in the Authorization header and refuses one in the query or body.",
  },
  {
    source: "002",
    section: "Handle Tokens Securely",
    sentence: "Validate token signatures and expiration if implementing custom middleware.",
    ruleIds: [],
    enforcedBy: "Resource servers and client middleware; the identity endpoint publishes its keys (JWKS).",
  },
  // ---- 002: Refresh and Reference Tokens ----
  {
    source: "002",
    section: "Refresh and Reference Tokens",
    sentence: "Use refresh tokens only in confidential clients.",
    ruleIds: ["TA-SCOPE-OFFLINE-PUBLIC", "TA-REQ-SCOPE-OFFLINE-PUBLIC", "TA-REQ-REFRESH-PUBLIC"],
    enforcedBy: "The token endpoint issues a refresh token only when offline_access was granted to a Confidential app (issuesRefreshToken) and accepts refresh_token only from Confidential apps.",
  },
  {
    source: "002",
    section: "Refresh and Reference Tokens",
    sentence: "Public clients (SPAs, mobile) must re-authenticate when access tokens expire.",
    ruleIds: ["TA-SCOPE-OFFLINE-PUBLIC", "TA-REQ-SCOPE-OFFLINE-PUBLIC", "TA-REQ-REFRESH-PUBLIC"],
  },
  {
    source: "002",
    section: "Refresh and Reference Tokens",
    sentence: "Use Reference Access Tokens (PAT or SAT) only when long-lived access is required.",
    ruleIds: ["TA-ACCESS-TOKENS-AUTHENTICATED-USERS", "TA-ACCESS-TOKENS-ADMINISTRATORS"],
  },
  {
    source: "002",
    section: "Refresh and Reference Tokens",
    sentence: "Always restrict their scopes and lifetime.",
    ruleIds: [],
    enforcedBy: "Reference token issuance: scopes limited to the app's Scope and a mandatory expiry.",
  },
  // ---- 002: Secure Redirect URIs ----
  {
    source: "002",
    section: "Secure Redirect URIs",
    sentence: "Register all redirect URIs exactly in the Trusted Application definition.",
    ruleIds: ["TA-REDIRECT-NOT-ABSOLUTE", "TA-REDIRECT-WILDCARD", "TA-REDIRECT-LOGIN-MISSING", "TA-REDIRECT-DUPLICATE", "TA-REDIRECT-PLACEHOLDER"],
  },
  {
    source: "002",
    section: "Secure Redirect URIs",
    sentence: "Reject unknown redirect URIs to prevent redirection attacks.",
    ruleIds: ["TA-REDIRECT-WILDCARD", "TA-REDIRECT-SHARED", "TA-REQ-REDIRECT-UNREGISTERED", "TA-REQ-LOGOUT-REDIRECT-UNREGISTERED"],
    enforcedBy: "The authorization endpoint refuses any redirect_uri not registered verbatim with an error page (RFC 9700 §2.1, RFC 6749 §4.1.2.1).",
  },
  {
    source: "002",
    section: "Secure Redirect URIs",
    sentence: "Use HTTPS and avoid wildcards.",
    ruleIds: ["TA-REDIRECT-HTTPS", "TA-REDIRECT-WILDCARD"],
  },
  {
    source: "002",
    section: "Secure Redirect URIs",
    sentence: "Always implement PKCE in public clients.",
    ruleIds: ["TA-REQ-PKCE-REQUIRED", "TA-REQ-PKCE-S256"],
    enforcedBy: `${TOKEN_ENDPOINT}: every authorization code exchange, Public or Confidential, requires the code_verifier of the S256 challenge (RFC 7636 §4.6, RFC 9700 §2.1.1).`,
  },
  // ---- 002: Validate Trusted Applications Regularly ----
  {
    source: "002",
    section: "Validate Trusted Applications Regularly",
    sentence: "Audit all registered Trusted Applications for correctness and minimal access.",
    ruleIds: [],
    enforcedBy: "The review dashboard and the lint CLI run every rule over all apps (lintFleet).",
  },
  {
    source: "002",
    section: "Validate Trusted Applications Regularly",
    sentence: "Disable or delete unused apps (IsEnabled = false).",
    ruleIds: ["TA-APP-DISABLED", "TA-MODE-NONE"],
  },
  {
    source: "002",
    section: "Validate Trusted Applications Regularly",
    sentence:
      "Review who can issue reference tokens via the AccessTokens policy (None, AuthenticatedUsers, AdministratorsOnly).",
    ruleIds: ["TA-ACCESS-TOKENS-AUTHENTICATED-USERS", "TA-ACCESS-TOKENS-ADMINISTRATORS"],
  },
  {
    source: "002",
    section: "Validate Trusted Applications Regularly",
    sentence: "Confirm each service user is least-privilege and properly licensed.",
    ruleIds: ["TA-SYSTEM-USER-ADMIN", "TA-SYSTEM-USER-INACTIVE", "TA-SYSTEM-USER-SHARED"],
    enforcedBy: "Licensing: the ERP.net instance; the console does not know licences.",
  },
  // ---- 002: Avoid Token Reuse ----
  {
    source: "002",
    section: "Avoid Token Reuse",
    sentence: "Do not share access tokens between users, services, or environments.",
    ruleIds: [],
    enforcedBy: "Client apps and their operators; tokens are bound to one client and subject when issued.",
  },
  {
    source: "002",
    section: "Avoid Token Reuse",
    sentence: "Each user or service identity should obtain its own token.",
    ruleIds: ["TA-SYSTEM-USER-SHARED"],
  },
  {
    source: "002",
    section: "Avoid Token Reuse",
    sentence: "Never reuse a service token across multiple integrations.",
    ruleIds: ["TA-SYSTEM-USER-SHARED"],
  },
  // ---- 003: entity reference ----
  {
    source: "003",
    section: "Attributes: ApplicationUri",
    sentence: 'Application globally unique Uri in reverse host name format. For example: "com.manufacturer/app".',
    ruleIds: ["TA-APP-URI-FORMAT"],
  },
  {
    source: "003",
    section: "Attributes: BasicAuthenticationAllowed",
    sentence:
      "Even if only one application has this turned ON, it allows the basic authentication for the whole database.",
    ruleIds: ["TA-BASIC-AUTH-DATABASE"],
  },
  {
    source: "003",
    section: "Attributes: BasicAuthenticationAllowed",
    sentence: "Use with caution!",
    ruleIds: ["TA-BASIC-AUTH-DATABASE", "TA-BASIC-AUTH-SYSTEM-USER"],
  },
  {
    source: "003",
    section: "Attributes: BasicAuthenticationAllowed",
    sentence: "If a user is specified in System User, the basic authentication is allowed only for this user.",
    ruleIds: ["TA-BASIC-AUTH-SYSTEM-USER"],
  },
  {
    source: "003",
    section: "Attributes: Scope",
    sentence: "The scope is an unordered list of space-delimited case-sensitive strings.",
    ruleIds: ["TA-SCOPE-SYNTAX", "TA-REQ-SCOPE-SYNTAX"],
  },
  {
    source: "003",
    section: "Attributes: Scope",
    sentence: "Each string denotes a permission (see docs for possible values).",
    ruleIds: ["TA-SCOPE-UNKNOWN"],
  },
  // ---- 004: Standard Scopes ----
  {
    source: "004",
    section: "Standard Scopes: sec",
    sentence: "Reserved for ERP.net internal use only.",
    ruleIds: ["TA-SCOPE-SEC", "TA-REQ-SCOPE-SEC"],
  },
  {
    source: "004",
    section: "Standard Scopes: DomainApi",
    sentence: "Legacy scope. Obsolete and must not be used.",
    ruleIds: ["TA-SCOPE-DEPRECATED", "TA-REQ-SCOPE-DEPRECATED"],
  },
  {
    source: "004",
    section: "Note on Identity Scopes",
    sentence: "They do not need to be explicitly configured or allowed in a Trusted Application definition.",
    ruleIds: ["TA-SCOPE-IDENTITY-CONFIGURED"],
  },
  {
    source: "004",
    section: "Note on Identity Scopes",
    sentence:
      "For example, in the client credentials flow, these scopes are not issued because there is no authenticated user and no interactive session.",
    ruleIds: ["TA-REQ-SCOPE-IDENTITY-IN-CC"],
  },
  // ---- 004: Scope Enforcement ----
  {
    source: "004",
    section: "Scope Enforcement",
    sentence: "The ERP.net Identity verifies which scopes a Trusted Application is permitted to request.",
    ruleIds: ["TA-REQ-SCOPE-NOT-ALLOWED"],
  },
  {
    source: "004",
    section: "Scope Enforcement",
    sentence: "If a requested scope is not allowed, the server returns invalid_scope.",
    ruleIds: [
      "TA-REQ-SCOPE-NOT-ALLOWED",
      "TA-REQ-SCOPE-SEC",
      "TA-REQ-SCOPE-DEPRECATED",
      "TA-REQ-SCOPE-IDENTITY-IN-CC",
      "TA-REQ-SCOPE-WIDER",
    ],
  },
  {
    source: "004",
    section: "Scope Enforcement",
    sentence: "APIs automatically validate scopes on every request.",
    ruleIds: [],
    enforcedBy: "The ERP.net APIs (resource servers), from the scope claim of the token.",
  },
  {
    source: "004",
    section: "Scope Enforcement",
    sentence:
      "If no scopes are explicitly requested, the issued access token will automatically include all scopes defined in the Trusted Application configuration.",
    ruleIds: ["TA-REQ-SCOPE-EMPTY", "TA-SCOPE-EMPTY"],
    enforcedBy: "decideScopes() grants the configured scopes (minus sec, DomainApi, and identity scopes in client credentials).",
  },
  {
    source: "004",
    section: "Scope Enforcement: Note",
    sentence: "Always request the minimal set of scopes required by your application.",
    ruleIds: ["TA-REQ-SCOPE-NOT-ALLOWED"],
    enforcedBy: "Client developers choose what to request; the endpoint caps it at the configured scopes.",
  },
  // ---- 004: Security Considerations ----
  {
    source: "004",
    section: "Security Considerations",
    sentence: "Only grant update to apps that must modify data.",
    ruleIds: ["TA-SCOPE-UPDATE"],
  },
  {
    source: "004",
    section: "Security Considerations",
    sentence: "Avoid combining user and system scopes in the same token.",
    ruleIds: ["TA-MODE-USER-AND-SYSTEM"],
  },
  {
    source: "004",
    section: "Security Considerations",
    sentence: "Regularly audit trusted apps and their allowed scopes.",
    ruleIds: [],
    enforcedBy: "The review dashboard and the lint CLI (lintFleet) list every app's scopes and findings.",
  },
];
