// The token decision explainer: would POST /id/connect/token issue a token for this app,
// grant type, scopes and authentication method, and if not, which step and which rule
// refuse it? It runs the endpoint's own steps (decision.ts), observing each one; only the
// secret comparison is skipped, as the explainer has no secret. Pure apart from the clock.
import type { Finding, PolicyApp, PolicyOptions } from "@/lib/policy/types";
import { defaultPolicyOptions } from "@/lib/policy";
import type { ClientAuthMethod } from "./clients/client-auth";
import type { RegisteredClient } from "./clients/client-registry";
import { clientFindings, evaluateClient, evaluateGrant, STEP_TITLES, type StepId, type StepObserver } from "./grants/decision";
import { GRANTS } from "./grants/index";
import type { OAuthErrorCode } from "./errors";

export interface ExplainInput {
  grantType: string;
  /** The scope parameter as the client would send it; null or "" for none. */
  scope: string | null;
  clientAuth: ClientAuthMethod;
}

export type ExplainedStatus = "pass" | "fail" | "skipped" | "not_reached";

export interface ExplainedStep {
  id: StepId | "request" | "issue";
  title: string;
  status: ExplainedStatus;
  /** For the administrator: why the step passed or failed (never a secret). */
  note: string;
  /** On failure: what the client would receive (RFC 6749 §5.2). */
  error?: OAuthErrorCode;
  errorDescription?: string;
  httpStatus?: number;
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

const ORDER: readonly (StepId | "request" | "issue")[] = [
  "request",
  "client",
  "client_auth",
  "secret",
  "grant_type",
  "policy",
  "grant_allowed",
  "scope",
  "issue",
];

export function explainTokenDecision(
  app: PolicyApp | null,
  input: ExplainInput,
  options: ExplainOptions = {},
): TokenExplanation {
  const findings = app ? [...(options.findings ?? clientFindings(app, options.policyOptions ?? defaultPolicyOptions()))] : [];
  const client: RegisteredClient | null = app
    ? { id: "", app, findings, secrets: { current: null, previous: null, previousExpiresMs: 0 } }
    : null;
  const ran = new Map<string, ExplainedStep>();
  ran.set("request", {
    id: "request",
    title: STEP_TITLES.request,
    status: "skipped",
    note: "The explainer assumes a well-formed request: POST, application/x-www-form-urlencoded, no repeated parameter, grant_type present.",
  });

  const observe: StepObserver = (id, result) => {
    const step: ExplainedStep = { id, title: STEP_TITLES[id], status: "pass", note: "" };
    if (result.ok === "skipped") {
      step.status = "skipped";
      step.note = result.note;
    } else if (result.ok) {
      step.note = result.note;
    } else {
      const e = result.error;
      Object.assign(step, {
        status: "fail",
        note: e.detail,
        error: e.error,
        errorDescription: e.description,
        httpStatus: e.status,
        ...(e.ruleId ? { ruleId: e.ruleId } : {}),
      });
    }
    ran.set(id, step);
  };

  const clientId = app?.ApplicationUri ?? "(unknown)";
  const authenticated = evaluateClient({ clientId, client, method: input.clientAuth, secret: "assume-correct" }, observe);
  let issued = false;
  if (authenticated.ok) {
    const scope = input.scope === "" ? null : input.scope;
    const decision = evaluateGrant({ client: authenticated.value, method: input.clientAuth, grantType: input.grantType, scope }, observe);
    if (decision.ok && app) {
      issued = true;
      ran.set("issue", {
        id: "issue",
        title: STEP_TITLES.issue,
        status: "pass",
        note: decision.value.grant.describeIssue(app, decision.value.scopes, options.accessTokenLifetimeSeconds ?? 3600),
      });
    }
  }

  const steps = ORDER.map(
    (id) => ran.get(id) ?? { id, title: STEP_TITLES[id], status: "not_reached" as const, note: "Not reached: an earlier step refused the request." },
  );
  const flow = GRANTS.get(input.grantType)?.flow;
  return { issued, steps, findings: flow ? findings.filter((f) => f.flows.includes(flow)) : findings };
}
