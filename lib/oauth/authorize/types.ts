// What the authorization endpoint's checks share (RFC 6749 §4.1.1; OpenID Connect Core 1.0
// §3.1.2.1): the request's parameters, the client they name, and the request as the checks
// validate it, step by step.
import type { Finding, PolicyOptions } from "@/lib/policy/types";
import type { RegisteredClient } from "../clients/client-registry";
import type { OAuthError } from "../errors";
import type { AuthorizationParams } from "../http/form";

/** OIDC Core §3.1.2.1 prompt values this server understands. */
export type Prompt = "none" | "login" | "consent" | "select_account";

/** An authorization request every check has passed: what an interaction stores and a code is bound to. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  /** Decided by the policy (decideScopes): what the user is asked to allow. */
  scopes: string[];
  /** Requested scopes the policy did not grant (e.g. offline_access for a Public app), for the log. */
  droppedScopes: string[];
  state: string | null;
  nonce: string | null;
  codeChallenge: string;
  prompt: Prompt[];
  /** Seconds; null when absent (OIDC Core §3.1.2.1 max_age). */
  maxAge: number | null;
}

/** What the checks work on. Each check reads the parameters and fills in its part of `request`. */
export interface AuthorizeContext {
  input: AuthorizationParams;
  /** The client named by client_id as the registry has it (null: unknown). */
  client: RegisteredClient | null;
  findings: readonly Finding[];
  policyOptions: PolicyOptions;
  request: Partial<AuthorizationRequest>;
}

/** A check's verdict: passed (with a note for the explainer), or the error that refuses the request. */
export type CheckResult = { ok: true; note: string } | { ok: false; error: OAuthError };

export interface AuthorizeCheck {
  readonly id: string;
  /** What the explainer shows, citing the section. */
  readonly title: string;
  /**
   * Where a refusal is answered: "page" before the client and its redirect URI are known to be
   * good (RFC 6749 §4.1.2.1: never redirect then), "redirect" after.
   */
  readonly answer: "page" | "redirect";
  run(ctx: AuthorizeContext): CheckResult;
}

export const passed = (note: string): CheckResult => ({ ok: true, note });
export const refused = (error: OAuthError): CheckResult => ({ ok: false, error });

/** A single-valued parameter; "" counts as absent (RFC 6749 §3.1). */
export function param(ctx: AuthorizeContext, name: string): string | undefined {
  return ctx.input.params.get(name);
}
