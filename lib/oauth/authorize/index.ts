// The authorization endpoint's checks (RFC 6749 §4.1.1), in order, in the manner of
// node-oidc-provider's lib/actions/authorization/: one small named check per file. The endpoint
// (endpoints/authorize.ts) and the console's explainer run this same list, so they cannot
// disagree. Until client and redirect_uri have passed, a refusal is shown on the identity
// server's page; after, it is sent to the redirect URI (RFC 6749 §4.1.2.1).
import type { OAuthError } from "../errors";
import type { AuthorizationParams } from "../http/form";
import { checkClient } from "./check_client";
import { checkParams } from "./check_params";
import { checkPkce } from "./check_pkce";
import { checkPolicy } from "./check_policy";
import { checkPrompt } from "./check_prompt";
import { checkRedirectUri } from "./check_redirect_uri";
import { checkResponseType } from "./check_response_type";
import { checkScope } from "./check_scope";
import type { AuthorizationRequest, AuthorizeCheck, AuthorizeContext, CheckResult } from "./types";

export const AUTHORIZE_CHECKS: readonly AuthorizeCheck[] = [
  checkClient,
  checkRedirectUri,
  checkParams,
  checkResponseType,
  checkPolicy,
  checkPkce,
  checkScope,
  checkPrompt,
];

export type AuthorizeOutcome =
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; error: OAuthError; answer: "page" | "redirect"; check: string; redirectUri?: string; state?: string | null };

/** Runs the checks in order; `observe` sees each one that ran (the explainer). */
export function runAuthorizeChecks(ctx: AuthorizeContext, observe?: (check: AuthorizeCheck, result: CheckResult) => void): AuthorizeOutcome {
  for (const check of AUTHORIZE_CHECKS) {
    const result = check.run(ctx);
    observe?.(check, result);
    if (!result.ok) {
      return check.answer === "page"
        ? { ok: false, error: result.error, answer: "page", check: check.id }
        : { ok: false, error: result.error, answer: "redirect", check: check.id, redirectUri: ctx.request.redirectUri!, state: ctx.request.state ?? null };
    }
  }
  return { ok: true, request: ctx.request as AuthorizationRequest };
}

export type { AuthorizationRequest, AuthorizeCheck, AuthorizeContext, CheckResult, Prompt } from "./types";

/**
 * The parameters of a request the checks passed, to run them again later: at each step of the
 * user's the app may have been disabled, its redirect URIs or scopes changed.
 */
export function paramsOf(request: AuthorizationRequest): AuthorizationParams {
  const params = new Map<string, string>([
    ["client_id", request.clientId],
    ["redirect_uri", request.redirectUri],
    ["response_type", "code"],
    ["scope", request.scopes.join(" ")],
    ["code_challenge", request.codeChallenge],
    ["code_challenge_method", "S256"],
  ]);
  if (request.state !== null) params.set("state", request.state);
  if (request.nonce !== null) params.set("nonce", request.nonce);
  if (request.prompt.length) params.set("prompt", request.prompt.join(" "));
  if (request.maxAge !== null) params.set("max_age", String(request.maxAge));
  return { params, duplicates: new Set() };
}
