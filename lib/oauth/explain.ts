// The token decision explainer: would the identity endpoint issue a token for this app, grant
// type, scopes and authentication method (and, for the user grants, this user and redirect
// URI)? If not, which step and which rule refuse it? It runs the endpoints' own steps: the
// authorization endpoint's checks (./authorize), the policy's sign-in decisions
// (decideUserType, consentNeeded, decideGrantStillValid, decideRefreshScopes) and the token
// endpoint's client and grant steps (grants/decision.ts), observing each one; only what the
// explainer cannot know (the secret, the code, the PKCE verifier, the refresh token itself)
// is assumed correct, and says so. Pure apart from the clock.
import type { Finding, PolicyApp, PolicyOptions } from "@/lib/policy/types";
import { defaultPolicyOptions } from "@/lib/policy/lint";
import { consentNeeded, decideGrantStillValid, decideRefreshScopes, decideUserType, mergeConsent, type UserType } from "@/lib/policy/interactive";
import { decideScopes, parseScope } from "@/lib/policy/scopes";
import { parseUrlList } from "@/lib/policy/urls";
import { AUTHORIZE_CHECKS, runAuthorizeChecks } from "./authorize/index";
import type { ClientAuthMethod } from "./clients/client-auth";
import type { RegisteredClient } from "./clients/client-registry";
import { policyError, type OAuthError, type OAuthErrorCode } from "./errors";
import { clientFindings, evaluateClient, evaluateGrant, STEP_TITLES, type StepId, type StepObserver } from "./grants/decision";
import { GRANTS } from "./grants/index";

export interface ExplainUser {
  login: string;
  Type: UserType;
  IsActive: boolean;
  hasPassword: boolean;
  /** Their Authorization for the app (its Scope), null when they never allowed it. */
  authorizedScope: string | null;
}

export interface ExplainInput {
  grantType: string;
  /** The scope parameter as the client would send it; null or "" for none. */
  scope: string | null;
  clientAuth: ClientAuthMethod;
  /** authorization_code and refresh_token: the user who signs in (null: none picked). */
  user?: ExplainUser | null;
  /** authorization_code: the redirect_uri the client sends (null: the app's first registered one). */
  redirectUri?: string | null;
}

export type ExplainedStatus = "pass" | "fail" | "skipped" | "not_reached";
export type ExplainPhase = "authorize" | "user" | "token";

export interface ExplainedStep {
  id: string;
  phase: ExplainPhase;
  title: string;
  status: ExplainedStatus;
  /** For the administrator: why the step passed or failed (never a secret). */
  note: string;
  /** On failure: what the client would receive (RFC 6749 §4.1.2.1, §5.2). */
  error?: OAuthErrorCode;
  errorDescription?: string;
  httpStatus?: number;
  /** On failure: where it is answered: the identity server's page, the redirect URI, or the token response. */
  answer?: "page" | "redirect" | "response";
  /** On failure: the policy rule that refuses, as the endpoint logs it. */
  ruleId?: string;
}

export interface TokenExplanation {
  issued: boolean;
  steps: ExplainedStep[];
  /** The app's findings for the requested flow (all severities), for context. */
  findings: Finding[];
}

export interface ExplainOptions {
  policyOptions?: PolicyOptions;
  /** Precomputed findings (e.g. from the registry); default: clientFindings(app). */
  findings?: readonly Finding[];
  accessTokenLifetimeSeconds?: number;
}

// A challenge of the right shape: the explainer assumes the client does PKCE with S256.
const ASSUMED_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

const USER_TITLES = {
  "user-sign-in": "The user signs in; the app accepts their type (ImpersonateAs…UserAllowed)",
  "user-consent": "Consent: the user's Authorization covers the scopes, or they allow them",
} as const;
const TOKEN_TITLES: Record<string, string> = {
  ...STEP_TITLES,
  code: "Code: single-use, 60 s, same redirect_uri, PKCE code_verifier (RFC 6749 §4.1.3, RFC 7636 §4.6)",
  refresh: "Refresh token: unused, unexpired, this client's; rotated on use (RFC 6749 §6, RFC 9700 §4.14.2)",
  grant_holds: "The grant still holds: app enabled, user active and accepted, consent in place",
};

/** The steps of each kind of request, in order (what is shown "not reached" after a refusal). */
function plan(grantType: string): { id: string; phase: ExplainPhase; title: string }[] {
  const token = (ids: string[]) => ids.map((id) => ({ id, phase: "token" as const, title: TOKEN_TITLES[id]! }));
  if (grantType === "authorization_code") {
    return [
      ...AUTHORIZE_CHECKS.map((c) => ({ id: `authorize-${c.id}`, phase: "authorize" as const, title: c.title })),
      ...Object.entries(USER_TITLES).map(([id, title]) => ({ id, phase: "user" as const, title })),
      ...token(["client", "client_auth", "secret", "grant_type", "policy", "grant_allowed", "code", "grant_holds", "issue"]),
    ];
  }
  if (grantType === "refresh_token") return token(["client", "client_auth", "secret", "grant_type", "policy", "grant_allowed", "refresh", "grant_holds", "scope", "issue"]);
  return token(["request", "client", "client_auth", "secret", "grant_type", "policy", "grant_allowed", "scope", "issue"]);
}

function failure(error: OAuthError, answer: ExplainedStep["answer"]): Partial<ExplainedStep> {
  return { status: "fail", note: error.detail, error: error.error, errorDescription: error.description, httpStatus: error.status, answer, ...(error.ruleId ? { ruleId: error.ruleId } : {}) };
}

export function explainTokenDecision(app: PolicyApp | null, input: ExplainInput, options: ExplainOptions = {}): TokenExplanation {
  const policyOptions = options.policyOptions ?? defaultPolicyOptions();
  const findings = app ? [...(options.findings ?? clientFindings(app, policyOptions))] : [];
  const client: RegisteredClient | null = app ? { id: "", app, findings, secrets: { current: null, previous: null, previousExpiresMs: 0 } } : null;
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  const ran = new Map<string, Partial<ExplainedStep>>();
  const record = (id: string, step: Partial<ExplainedStep>) => void ran.set(id, step);
  const user = input.user ?? null;
  let issued = false;

  const run = (): void => {
    let scopes: string[] = [];
    if (input.grantType === "authorization_code") {
      // 1. The authorization endpoint, with the parameters a PKCE client sends.
      const redirectUri = input.redirectUri || (app ? parseUrlList(app.ImpersonateLoginUrl)[0] : undefined);
      const params = new Map<string, string>([["response_type", "code"], ["code_challenge", ASSUMED_CHALLENGE], ["code_challenge_method", "S256"], ["state", "xyz"]]);
      if (app) params.set("client_id", app.ApplicationUri);
      if (redirectUri) params.set("redirect_uri", redirectUri);
      if (input.scope) params.set("scope", input.scope);
      const outcome = runAuthorizeChecks({ input: { params, duplicates: new Set() }, client, findings, policyOptions, request: {} }, (check, result) =>
        record(`authorize-${check.id}`, result.ok ? { status: "pass", note: check.id === "pkce" ? `${result.note} (assumed: the client sends an S256 challenge)` : result.note } : failure(result.error, check.answer)),
      );
      if (!outcome.ok) return;
      scopes = outcome.request.scopes;

      // 2. The user: sign-in and consent.
      if (!user) return record("user-sign-in", { status: "fail", note: "Pick a user to see whether they may sign in." });
      if (!user.IsActive || !user.hasPassword) {
        return record("user-sign-in", { status: "fail", note: `${user.login} ${!user.IsActive ? "is not active" : "has no password"}: the sign-in page answers "Wrong user name or password." and issues nothing.` });
      }
      const type = decideUserType(app!, user);
      if (!type.ok) return record("user-sign-in", { ...failure(policyError(type.error, type.detail, type.ruleId), "page"), note: `${type.detail}. The sign-in page says which user types the app accepts; "Back to the application" answers access_denied.` });
      record("user-sign-in", { status: "pass", note: `${user.login} (${user.Type}) signs in with their password.` });
      const asked = consentNeeded(user.authorizedScope, scopes);
      record("user-consent", { status: "pass", note: asked ? `The consent page asks ${user.login} to allow: ${scopes.join(" ")} (assumed: Allow; Deny answers access_denied).` : `Already allowed (${user.authorizedScope}): no consent page.` });
      const authorized = asked ? mergeConsent(user.authorizedScope, scopes) : user.authorizedScope;

      // 3. The token endpoint: client, grant, then the code.
      if (!tokenSteps()) return;
      record("code", { status: "skipped", note: "Not evaluated here: the code must be presented once within 60 s by this client, with the same redirect_uri and the code_verifier of the challenge (else invalid_grant)." });
      if (!holds(user, authorized, scopes)) return;
      return issue(scopes);
    }

    if (input.grantType === "refresh_token") {
      if (!tokenSteps()) return;
      if (!user) return record("refresh", { status: "fail", note: "Pick the user the refresh token was issued for." });
      record("refresh", { status: "skipped", note: "Not evaluated here: the token must be unused (a replay revokes its whole grant), unexpired, and issued to this client." });
      const granted = parseScope(user.authorizedScope);
      if (!holds(user, user.authorizedScope, granted)) return;
      const narrowed = decideRefreshScopes(granted, input.scope || null);
      if (!narrowed.ok) return record("scope", failure(policyError(narrowed.error, narrowed.detail, narrowed.ruleId), "response"));
      const ceiling = decideScopes(app!, narrowed.value.join(" "), "authorization_code");
      if (!ceiling.ok) return record("scope", failure(policyError(ceiling.error, ceiling.detail, ceiling.ruleId), "response"));
      record("scope", { status: "pass", note: `At most what ${user.login} granted (${granted.join(" ")}), within the app's Scope: ${narrowed.value.join(" ")}.` });
      return issue(narrowed.value);
    }

    record("request", { status: "skipped", note: "The explainer assumes a well-formed request: POST, application/x-www-form-urlencoded, no repeated parameter, grant_type present." });
    if (!tokenSteps()) return;
    return issue(scopes);

    function tokenSteps(): boolean {
      const grant = GRANTS.get(input.grantType);
      const observe: StepObserver = (id: StepId, result) => {
        if (result.ok === "skipped") record(id, { status: "skipped", note: result.note });
        else if (result.ok) record(id, { status: "pass", note: result.note });
        else record(id, failure(result.error, "response"));
      };
      const authenticated = evaluateClient({ clientId: app?.ApplicationUri ?? "(unknown)", client, method: input.clientAuth, secret: "assume-correct", disabledApp: grant?.disabledApp }, observe);
      if (!authenticated.ok) return false;
      if (!authenticated.value.app.IsEnabled) {
        record("secret", failure(policyError("invalid_grant", `${authenticated.value.app.ApplicationUri} is disabled (IsEnabled=false)`, "TA-REQ-GRANT-REVOKED"), "response"));
        return false;
      }
      const decision = evaluateGrant({ client: authenticated.value, method: input.clientAuth, grantType: input.grantType, scope: input.scope || null }, (id, result) => {
        if (id !== "scope" || !(result.ok === "skipped")) observe(id, result);
      });
      if (!decision.ok) return false;
      if (decision.value.grant.scopeSource === "request") scopes = decision.value.scopes;
      return true;
    }

    function holds(u: ExplainUser, authorizedScope: string | null, grantScopes: readonly string[]): boolean {
      const decision = decideGrantStillValid(app!, u, authorizedScope, grantScopes);
      if (!decision.ok) {
        record("grant_holds", failure(policyError(decision.error, decision.detail, decision.ruleId), "response"));
        return false;
      }
      record("grant_holds", { status: "pass", note: `${app!.ApplicationUri} is enabled, ${u.login} is active and of a type it accepts, and their Authorization covers ${grantScopes.join(" ")}.` });
      return true;
    }

    function issue(granted: readonly string[]): void {
      const grant = GRANTS.get(input.grantType)!;
      record("issue", { status: "pass", note: grant.describeIssue(app!, granted, lifetime) });
      issued = true;
    }
  };
  run();

  let reached = true;
  const steps: ExplainedStep[] = plan(input.grantType).map(({ id, phase, title }) => {
    const step = ran.get(id);
    if (!step || !reached) return { id, phase, title, status: "not_reached", note: "Not reached: an earlier step refused the request." };
    if (step.status === "fail") reached = false;
    return { id, phase, title, status: step.status ?? "pass", note: step.note ?? "", ...step } as ExplainedStep;
  });
  const flow = GRANTS.get(input.grantType)?.flow;
  return { issued, steps, findings: flow ? findings.filter((f) => f.flows.includes(flow)) : findings };
}
