// The grant table (RFC 6749 §4, §5.1): one handler per grant_type, one file each. The token
// endpoint looks the request's grant_type up here and nowhere else.
import type { ClientAuthMethod } from "../clients/client-auth";
import type { OAuthError } from "../errors";
import type { KeySet } from "../keys/keys";
import type { FormParams } from "../http/form";
import type { Flow, PolicyApp } from "@/lib/policy/types";
import type { ScopeFlow } from "@/lib/policy/scopes";
import type { RegisteredClient } from "../clients/client-registry";
import type { OAuthServer } from "../server";
import { authorizationCodeGrant } from "./authorization_code";
import { clientCredentialsGrant } from "./client_credentials";
import { refreshTokenGrant } from "./refresh_token";

/** Result of one decision step: a value, or the OAuth error that refuses the request. */
export type StepResult<T = void> = { ok: true; value: T; note: string } | { ok: false; error: OAuthError };

/** What an issuing handler gets once every check has passed. */
export interface GrantContext {
  app: PolicyApp;
  /** The authenticated client (its Trusted Application's Id binds codes and refresh tokens). */
  client: RegisteredClient;
  /** The server's state (database, configuration): the user grants read and write their codes and tokens. */
  server: OAuthServer;
  /** Scopes decided by the policy (decideScopes) from the request; empty for a grant whose scopes come with it. */
  scopes: readonly string[];
  params: FormParams;
  issuer: string;
  audience: string;
  accessTokenLifetimeSeconds: number;
  keys: KeySet;
  now: Date;
}

/** RFC 6749 §5.1 successful response. */
export interface TokenResponseBody {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
  /** OpenID Connect Core 1.0 §3.1.3.3: when openid was granted. */
  id_token?: string;
}

export interface GrantHandler {
  readonly grantType: string;
  /** RFC section, shown by the explainer. */
  readonly rfc: string;
  /** The policy flow whose blocking (error) findings refuse this grant. */
  readonly flow: Flow;
  /** The flow decideScopes() applies. */
  readonly scopeFlow: ScopeFlow;
  /**
   * Where the scopes come from: the request's scope parameter, decided before issue()
   * ("request", client_credentials), or the code or refresh token itself, decided in issue()
   * against what the user granted ("grant").
   */
  readonly scopeSource: "request" | "grant";
  /**
   * A disabled app is answered invalid_client (it may not authenticate, §5.2) or, for a grant a
   * user holds, invalid_grant after it authenticated: the grant is what no longer holds.
   */
  readonly disabledApp: "invalid_client" | "invalid_grant";
  /** Whether this app may use the grant at all (unauthorized_client otherwise, RFC 6749 §5.2). */
  checkAllowed(app: PolicyApp, method: ClientAuthMethod): StepResult;
  /** Plain-language summary of what would be issued (the explainer). */
  describeIssue(app: PolicyApp, scopes: readonly string[], lifetimeSeconds: number): string;
  issue(ctx: GrantContext): TokenResponseBody | Promise<TokenResponseBody>;
}

export const GRANTS: ReadonlyMap<string, GrantHandler> = new Map(
  [authorizationCodeGrant, refreshTokenGrant, clientCredentialsGrant].map((g) => [g.grantType, g]),
);

/** grant_types_supported for discovery (RFC 8414 §2). */
export const SUPPORTED_GRANT_TYPES: readonly string[] = [...GRANTS.keys()];
