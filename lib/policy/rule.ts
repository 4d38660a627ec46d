// The shape of a policy rule and its documentation. A rule is written once, here in
// lib/policy, and every other part of the console asks it (STYLE.md "The one idea").
// Pure TypeScript: runs in the browser, the server, the CLI and the tests alike.

import type { Finding, Flow, PolicyApp, PolicyOptions, Severity } from "./types";

/** The product's source documents (shared/seeds), by number. */
export type SeedSource = "000" | "001" | "002" | "003" | "004";
/** An RFC section, cited where the seeds are silent: `RFC 6749 §3.3`. */
export type RfcSource = `RFC ${number} §${string}`;

export interface SeedQuote {
  source: SeedSource | RfcSource;
  /** The sentence, quoted exactly (seed 000 lost some spaces around inline code; the quote restores them). */
  sentence: string;
}

/** The documentation every rule carries; rendered into docs/policy.md. */
export interface RuleDoc {
  /** Stable id, logged by the token endpoint and stored with acknowledged warnings. Never rename. */
  id: string;
  severity: Severity;
  title: string;
  /** What configuration triggers the rule. */
  triggers: string;
  /** Why it matters. */
  why: string;
  /** Where the rule comes from: seed sentences, or RFC text where the seeds are silent. */
  seed: readonly SeedQuote[];
  /** One-line fix for the administrator. */
  fix: string;
  /** Flows the rule concerns. For an error, the token endpoint refuses these flows. */
  flows: readonly Flow[];
}

/** A configuration rule: checks one Trusted Application (plus fleet facts). */
export interface PolicyRule extends RuleDoc {
  check(app: PolicyApp, opts: PolicyOptions): Finding[];
  /** The rule reads `opts.fleet` (other apps): it is run again when a neighbour changes. */
  readsFleet?: true;
}

/**
 * What a request a rule refuses gets: an OAuth error (RFC 6749 §4.1.2.1, §5.2; OpenID Connect
 * Core §3.1.2.6), `not_granted` (the request goes on without the part the rule drops, RFC 6749
 * §3.3) or `no_redirect` (the identity server answers with its own page instead of sending the
 * browser to an unregistered URI).
 */
export type RequestError =
  | "invalid_scope"
  | "invalid_request"
  | "unauthorized_client"
  | "access_denied"
  | "invalid_grant"
  | "not_granted"
  | "no_redirect";

/** A rule applied to a request at the identity endpoint rather than to the stored configuration (no check()). */
export interface RequestRule extends RuleDoc {
  severity: "error";
  error: RequestError;
}

/** The flows that issue tokens: what a broken scope configuration refuses. */
export const TOKEN_FLOWS = [
  "client_credentials",
  "authorization_code",
  "reference_tokens",
] as const satisfies readonly Flow[];

/** Builds a finding of `rule`; `flows` narrows the rule's flows when only some apply. */
export function finding(
  rule: RuleDoc,
  field: Finding["field"],
  message: string,
  flows: readonly Flow[] = rule.flows,
): Finding {
  return { ruleId: rule.id, severity: rule.severity, field, message, fix: rule.fix, flows };
}

const NEEDS_ESCAPE = /["\\\x00-\x1F\x7F]/;

/** Quotes a value inside a finding message (JSON-escaped when it holds quotes or controls). */
export function q(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

// Fleet lists can be long (a dev redirect URI shared by thousands of apps): membership
// is answered from a Set built once per list, so a fleet lint stays linear.
const memberSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function includes(list: readonly string[], item: string): boolean {
  if (list.length <= 8) return list.includes(item);
  let set = memberSets.get(list);
  if (set === undefined) {
    set = new Set(list);
    memberSets.set(list, set);
  }
  return set.has(item);
}

/**
 * Names the apps of a fleet list other than `self` for a finding message ("a", "b", "c"
 * and 2 more), or null when there is no other app.
 */
export function otherApps(owners: readonly string[] | undefined, self: string): string | null {
  if (owners === undefined || owners.length === 0) return null;
  const count = owners.length - (includes(owners, self) ? 1 : 0);
  if (count === 0) return null;
  const shown: string[] = [];
  for (const o of owners) {
    if (o === self) continue;
    shown.push(q(o));
    if (shown.length === 3) break;
  }
  return count > 3 ? `${shown.join(", ")} and ${count - 3} more` : shown.join(", ");
}
