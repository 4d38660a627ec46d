// The token endpoint's decision, as small named steps shared by the endpoint
// (token-endpoint.ts) and the console's explainer (explainTokenDecision). Both run
// evaluateClient() and evaluateGrant() below, so the explainer cannot drift from what the
// endpoint does. Security rules are not written here: the policy (lib/policy) is asked.
import { blockingFindings, decideScopes, lintApp } from "@/lib/policy";
import type { Finding, PolicyApp, PolicyOptions } from "@/lib/policy/types";
import type { ClientAuthMethod } from "../clients/client-auth";
import { InvalidClient, InvalidGrant, InvalidScope, InvalidRequest, UnauthorizedClient, UnsupportedGrantType, type OAuthError } from "../errors";
import { verifyClientSecret, type RegisteredClient } from "../clients/client-registry";
import { GRANTS, type GrantHandler, type StepResult } from "./index";

/** The policy's findings for an app; the registry caches them, the explainer computes them. */
export function clientFindings(app: PolicyApp, options: PolicyOptions): Finding[] {
  return lintApp(app, options);
}

export type StepId = "client" | "client_auth" | "secret" | "grant_type" | "policy" | "grant_allowed" | "scope";

export const STEP_TITLES: Readonly<Record<StepId | "request" | "issue", string>> = {
  request: "Request format (RFC 6749 §3.2)",
  client: "Client is registered and enabled (RFC 6749 §2.3, seed 000 IsEnabled)",
  client_auth: "Authentication method fits the client type (RFC 6749 §2.3.1)",
  secret: "Client secret matches (RFC 6749 §2.3.1)",
  grant_type: "Grant type is supported (RFC 6749 §5.2)",
  policy: "Policy allows the flow (lib/policy error findings)",
  grant_allowed: "Client may use this grant (RFC 6749 §5.2)",
  scope: "Scopes (RFC 6749 §3.3, seed 004)",
  issue: "Token issued (RFC 6749 §5.1)",
};

/** Called for every step that ran, in order: the explainer records them, the endpoint passes none. */
export type StepObserver = (id: StepId, result: StepResult<unknown> | { ok: "skipped"; note: string }) => void;

function run<T>(id: StepId, result: StepResult<T>, observe?: StepObserver): StepResult<T> {
  observe?.(id, result);
  return result;
}

const pass = <T>(value: T, note: string): StepResult<T> => ({ ok: true, value, note });
const fail = (error: OAuthError): StepResult<never> => ({ ok: false, error });

// ---------------------------------------------------------------------------
// Client steps (RFC 6749 §2.3). Unknown client, disabled app, wrong method and wrong
// secret all become the same invalid_client; only the log detail differs.

export function checkClientEnabled(clientId: string, client: RegisteredClient | null, disabledApp: "invalid_client" | "invalid_grant" = "invalid_client"): StepResult<RegisteredClient> {
  if (client === null) return fail(new InvalidClient(`unknown client ${JSON.stringify(clientId)}`));
  if (!client.app.IsEnabled && disabledApp === "invalid_client") {
    return fail(new InvalidClient(`${client.app.ApplicationUri} is disabled (IsEnabled=false)`, { ruleId: "TA-APP-DISABLED" }));
  }
  return pass(client, client.app.IsEnabled ? `${client.app.ApplicationUri} is registered and enabled.` : `${client.app.ApplicationUri} is registered but disabled: its user grants no longer hold.`);
}

export function checkAuthMethod(app: PolicyApp, method: ClientAuthMethod): StepResult {
  if (app.ClientType === "Public" && method !== "none") {
    // A Public client cannot keep a secret (seed 000), so it may not present one.
    return fail(new InvalidClient(`Public client ${app.ApplicationUri} sent a client secret (${method})`));
  }
  if (app.ClientType === "Confidential" && method === "none") {
    return fail(new InvalidClient(`Confidential client ${app.ApplicationUri} sent no secret`));
  }
  return pass(
    undefined,
    method === "none"
      ? "Public client identified by client_id only."
      : `Confidential client authenticating with ${method}.`,
  );
}

export function checkSecret(client: RegisteredClient, method: ClientAuthMethod, secret: string | undefined, nowMs: number): StepResult {
  if (method === "none") return pass(undefined, "No secret for a Public client.");
  if (secret === undefined || !verifyClientSecret(client, secret, nowMs)) {
    // Never log the presented value; say only which kind of failure it was.
    return fail(new InvalidClient(`${client.app.ApplicationUri}: client secret does not match the current or previous secret`));
  }
  return pass(undefined, "The secret matches the current secret, or the previous one within its grace period.");
}

export interface ClientInput {
  clientId: string;
  client: RegisteredClient | null;
  method: ClientAuthMethod;
  /** "verify" at the endpoint; the explainer has no secret and assumes a correct one. */
  secret: { verify: string | undefined; nowMs: number } | "assume-correct";
  /** How a disabled app is answered (GrantHandler.disabledApp); default invalid_client. */
  disabledApp?: "invalid_client" | "invalid_grant";
}

/** Steps client → client_auth → secret. */
export function evaluateClient(input: ClientInput, observe?: StepObserver): StepResult<RegisteredClient> {
  const known = run("client", checkClientEnabled(input.clientId, input.client, input.disabledApp), observe);
  if (!known.ok) return known;
  const method = run("client_auth", checkAuthMethod(known.value.app, input.method), observe);
  if (!method.ok) return method;
  if (input.secret === "assume-correct") {
    observe?.("secret", {
      ok: "skipped",
      note:
        input.method === "none"
          ? "No secret for a Public client."
          : "Not evaluated here: the endpoint compares the presented secret with the current and (during a rotation's grace period) the previous secret hash, in constant time.",
    });
    return known;
  }
  const secret = run("secret", checkSecret(known.value, input.method, input.secret.verify, input.secret.nowMs), observe);
  if (!secret.ok) return secret;
  if (!known.value.app.IsEnabled) {
    // Authenticated, but the app is switched off: the grant it holds is what no longer holds (§5.2).
    return fail(new InvalidGrant(`${known.value.app.ApplicationUri} is disabled (IsEnabled=false)`, { ruleId: "TA-REQ-GRANT-REVOKED" }));
  }
  return known;
}

// ---------------------------------------------------------------------------
// Grant steps: grant type → policy → grant allowed → scopes.

export function checkGrantType(grantType: string): StepResult<GrantHandler> {
  const grant = GRANTS.get(grantType);
  if (!grant) return fail(new UnsupportedGrantType(`grant_type ${JSON.stringify(grantType.slice(0, 64))} is not supported`));
  return pass(grant, `${grantType} (${grant.rfc}).`);
}

/**
 * Asks the policy: an error finding that concerns the grant's flow refuses it. Findings about
 * the client's secret make it invalid_client (it cannot authenticate properly); any other
 * blocking finding means this client may not use the flow: unauthorized_client (§5.2).
 */
export function checkPolicy(app: PolicyApp, findings: readonly Finding[], grant: GrantHandler): StepResult {
  const [first] = blockingFindings(findings, grant.flow);
  if (first) {
    const detail = `${app.ApplicationUri}: policy refuses ${grant.flow}: ${first.message}`;
    const error =
      first.field === "HasApplicationSecret"
        ? new InvalidClient(detail, { ruleId: first.ruleId })
        : new UnauthorizedClient(detail, { ruleId: first.ruleId });
    return fail(error);
  }
  return pass(undefined, `No error finding concerns ${grant.flow}.`);
}

export function checkScopes(app: PolicyApp, requested: string | null, grant: GrantHandler): StepResult<string[]> {
  const decision = decideScopes(app, requested, grant.scopeFlow);
  if (!decision.ok) {
    const opts = { ruleId: decision.ruleId };
    return fail(decision.error === "invalid_request" ? new InvalidRequest(decision.detail, opts) : new InvalidScope(decision.detail, opts));
  }
  return pass(
    decision.granted,
    `${requested ? "Requested" : "No scope requested: the configured"} scopes granted: ${decision.granted.join(" ")}.`,
  );
}

export interface GrantInput {
  client: RegisteredClient;
  method: ClientAuthMethod;
  grantType: string;
  /** The scope parameter; null when absent (RFC 6749 §3.1: empty counts as absent). */
  scope: string | null;
}

export interface GrantDecision {
  grant: GrantHandler;
  scopes: string[];
}

/** Steps grant_type → policy → grant_allowed → scope. */
export function evaluateGrant(input: GrantInput, observe?: StepObserver): StepResult<GrantDecision> {
  const { app, findings } = input.client;
  const grant = run("grant_type", checkGrantType(input.grantType), observe);
  if (!grant.ok) return grant;
  const policy = run("policy", checkPolicy(app, findings, grant.value), observe);
  if (!policy.ok) return policy;
  const allowed = run("grant_allowed", grant.value.checkAllowed(app, input.method), observe);
  if (!allowed.ok) return allowed;
  if (grant.value.scopeSource === "grant") {
    observe?.("scope", { ok: "skipped", note: "Decided from the code or refresh token: what the user granted, within the app's Scope (a refresh may narrow it, never widen it)." });
    return pass({ grant: grant.value, scopes: [] }, "");
  }
  const scopes = run("scope", checkScopes(app, input.scope, grant.value), observe);
  if (!scopes.ok) return scopes;
  return pass({ grant: grant.value, scopes: scopes.value }, "");
}
