// The grant table (RFC 6749 §4, §5.1): one handler per grant_type. The token endpoint
// looks the request's grant_type up here and nowhere else, so authorization_code and
// refresh_token join by adding a file and a line below.
import type { ClientAuthMethod } from "../clients/client-auth";
import type { OAuthError } from "../errors";
import type { KeySet } from "../keys/keys";
import type { FormParams } from "../http/form";
import type { Flow, PolicyApp } from "@/lib/policy/types";
import type { ScopeFlow } from "@/lib/policy/scopes";
import { clientCredentialsGrant } from "./client_credentials";

/** Result of one decision step: a value, or the OAuth error that refuses the request. */
export type StepResult<T = void> = { ok: true; value: T; note: string } | { ok: false; error: OAuthError };

/** What an issuing handler gets once every check has passed. */
export interface GrantContext {
  app: PolicyApp;
  /** Scopes decided by the policy (decideScopes). */
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
}

export interface GrantHandler {
  readonly grantType: string;
  /** RFC section, shown by the explainer. */
  readonly rfc: string;
  /** The policy flow whose blocking (error) findings refuse this grant. */
  readonly flow: Flow;
  /** The flow decideScopes() applies. */
  readonly scopeFlow: ScopeFlow;
  /** Whether this app may use the grant at all (unauthorized_client otherwise, RFC 6749 §5.2). */
  checkAllowed(app: PolicyApp, method: ClientAuthMethod): StepResult;
  /** Plain-language summary of what would be issued (the explainer). */
  describeIssue(app: PolicyApp, scopes: readonly string[], lifetimeSeconds: number): string;
  issue(ctx: GrantContext): TokenResponseBody | Promise<TokenResponseBody>;
}

export const GRANTS: ReadonlyMap<string, GrantHandler> = new Map([[clientCredentialsGrant.grantType, clientCredentialsGrant]]);

/** grant_types_supported for discovery (RFC 8414 §2). */
export const SUPPORTED_GRANT_TYPES: readonly string[] = [...GRANTS.keys()];
