// Working with lists of findings: ordering, summaries, what blocks a flow, and the
// "risk diff" shown when an admin saves a change.

import type { Finding, Flow, Severity } from "./types";

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders findings in place: error, warning, info, then ruleId, field, message. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.field, b.field) ||
      cmp(a.message, b.message),
  );
}

/** The most severe severity present, or null for no findings. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) {
    if (f.severity === "error") return "error";
    if (worst === null || RANK[f.severity] < RANK[worst]) worst = f.severity;
  }
  return worst;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The error findings that make the token endpoint refuse `flow`. */
export function blockingFindings(findings: readonly Finding[], flow: Flow): Finding[] {
  return findings.filter((f) => f.severity === "error" && f.flows.includes(flow));
}

function key(f: Finding): string {
  return `${f.ruleId}\u0000${f.field}\u0000${f.message}`;
}

/**
 * What a change adds and clears, keyed by ruleId + field + message (messages name the
 * offending value, so replacing one bad URI by another shows as one added, one cleared).
 */
export function diffFindings(
  before: readonly Finding[],
  after: readonly Finding[],
): { added: Finding[]; cleared: Finding[] } {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    added: after.filter((f) => !beforeKeys.has(key(f))),
    cleared: before.filter((f) => !afterKeys.has(key(f))),
  };
}
