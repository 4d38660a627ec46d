// Field-level diffs for the audit log. Pure. Secret material never enters a snapshot (the
// snapshot is the form's view of an app, which has no secret field); a rotation is recorded
// by the caller as { ApplicationSecret: "rotated" }.

export type FieldChange = { from: unknown; to: unknown };
export type FieldDiff = Record<string, FieldChange>;

/** Fields that must never appear in an audit record, whatever the caller passes. */
const FORBIDDEN = /secret|hash|password|token/i;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changed top-level fields of two snapshots; null stands for "did not exist". */
export function diffSnapshots(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): FieldDiff {
  const diff: FieldDiff = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (FORBIDDEN.test(key)) continue;
    const from = before ? (before[key] ?? null) : null;
    const to = after ? (after[key] ?? null) : null;
    if (!same(from, to)) diff[key] = { from, to };
  }
  return diff;
}

export function isEmptyDiff(diff: FieldDiff): boolean {
  return Object.keys(diff).length === 0;
}
