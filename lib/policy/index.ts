// The security policy of the Trusted Apps Console, written once and asked everywhere:
// the form (live findings), the save action, the review dashboard, the lint CLI and the
// token endpoint. Pure TypeScript: no next/*, react, Prisma or node-only imports.

import { REQUEST_RULES } from "./request-rules";
import type { PolicyRule, RequestRule } from "./rule";
import { RULES } from "./rules/index";

export * from "./types";
export type { PolicyRule, RequestRule, RequestError, RuleDoc, SeedQuote, SeedSource, RfcSource } from "./rule";
export { TOKEN_FLOWS } from "./rule";
export { RULES };
export { REQUEST_RULES };
export { lintApp, lintFleet, buildFleetFacts, fleetNeighbours, relintFleetRules, defaultPolicyOptions, isFleetRule } from "./lint";
export { worstSeverity, countBySeverity, blockingFindings, diffFindings, sortFindings } from "./findings";
export {
  SCOPES,
  scopeInfo,
  isIdentityScope,
  parseScope,
  isValidScopeToken,
  isValidScopeString,
  decideScopes,
  type ScopeInfo,
  type ScopeName,
  type ScopeAvailability,
  type ScopeFlow,
  type ScopeDecision,
} from "./scopes";
export {
  acceptedUserTypes,
  decideInteractive,
  decideUserType,
  decideRedirectUri,
  decidePostLogoutRedirect,
  decidePkce,
  isValidCodeVerifier,
  consentNeeded,
  mergeConsent,
  issuesRefreshToken,
  decideRefreshAllowed,
  decideRefreshScopes,
  decideGrantStillValid,
  USER_TYPES,
  type UserType,
  type PolicyUser,
  type RequestDecision,
} from "./interactive";
export { parseUrlList, isLoopbackHost, isAbsoluteUri, analyzeUrl, type UrlFacts } from "./urls";
export { isReverseHostName } from "./rules/identity";
export { GUIDELINES, type Guideline } from "./guidelines";

const RULES_BY_ID: ReadonlyMap<string, PolicyRule> = new Map(RULES.map((r) => [r.id, r]));
const REQUEST_RULES_BY_ID: ReadonlyMap<string, RequestRule> = new Map(REQUEST_RULES.map((r) => [r.id, r]));

/** The configuration rule with this id, or undefined. */
export function getRule(id: string): PolicyRule | undefined {
  return RULES_BY_ID.get(id);
}

/** The token-request rule with this id (as logged by the token endpoint), or undefined. */
export function getRequestRule(id: string): RequestRule | undefined {
  return REQUEST_RULES_BY_ID.get(id);
}
