// The review dashboard: every finding across the fleet, filtered, counted per rule, sorted
// and paged on the server. Pure: runs over the cached linted fleet (lib/db/fleet.ts).
import { z } from "zod";
import type { Finding, Severity } from "@/lib/policy/types";
import { firstValue, optionalChoice, pageNumber, searchText } from "@/lib/schemas/query";

export const REVIEW_SORTS = ["severity", "rule", "app"] as const;

// Every field ignores what does not fit (lib/schemas/query.ts).
export const ReviewQuerySchema = z.object({
  severity: optionalChoice(["error", "warning", "info"] as const),
  rule: z.preprocess((v) => (firstValue(v) === "" ? undefined : firstValue(v)), z.string().max(80).regex(/^[A-Z0-9-]+$/).optional().catch(undefined)),
  app: searchText(200).default(""),
  sort: optionalChoice(REVIEW_SORTS).transform((v) => v ?? "severity"),
  dir: optionalChoice(["asc", "desc"] as const).transform((v) => v ?? "asc"),
  page: pageNumber(1_000_000),
  pageSize: z.preprocess(firstValue, z.coerce.number().int().min(10).max(200).catch(50)).default(50),
});

export type ReviewQuery = z.output<typeof ReviewQuerySchema>;

export interface ReviewRow {
  appId: string;
  applicationUri: string;
  appName: string;
  ruleId: string;
  severity: Severity;
  field: string;
  message: string;
  fix: string;
}

export interface ReviewPage {
  rows: ReviewRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  bySeverity: Record<Severity, number>;
  /** Findings per rule under the current severity/app filters (so a rule can be picked). */
  byRule: { ruleId: string; severity: Severity; count: number; apps: number }[];
  appsWithFindings: number;
  appCount: number;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function queryReview(
  entries: readonly { row: { Id: string; ApplicationUri: string; Name: string }; findings: readonly Finding[] }[],
  query: ReviewQuery,
): ReviewPage {
  const needle = query.app.toLowerCase();
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const ruleCounts = new Map<string, { severity: Severity; count: number; apps: Set<string> }>();
  const rows: ReviewRow[] = [];
  const appsWithFindings = new Set<string>();
  for (const { row, findings } of entries) {
    if (needle && !row.ApplicationUri.toLowerCase().includes(needle) && !row.Name.toLowerCase().includes(needle)) continue;
    for (const f of findings) {
      if (query.severity && f.severity !== query.severity) continue;
      const c = ruleCounts.get(f.ruleId) ?? { severity: f.severity, count: 0, apps: new Set<string>() };
      c.count++;
      c.apps.add(row.Id);
      ruleCounts.set(f.ruleId, c);
      if (query.rule && f.ruleId !== query.rule) continue;
      bySeverity[f.severity]++;
      appsWithFindings.add(row.Id);
      rows.push({ appId: row.Id, applicationUri: row.ApplicationUri, appName: row.Name, ruleId: f.ruleId, severity: f.severity, field: f.field, message: f.message, fix: f.fix });
    }
  }
  const dir = query.dir === "desc" ? -1 : 1;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => {
    const primary =
      query.sort === "rule" ? cmp(a.ruleId, b.ruleId) : query.sort === "app" ? cmp(a.applicationUri, b.applicationUri) : RANK[a.severity] - RANK[b.severity];
    return dir * primary || RANK[a.severity] - RANK[b.severity] || cmp(a.applicationUri, b.applicationUri) || cmp(a.ruleId, b.ruleId) || cmp(a.field, b.field);
  });
  const pageCount = Math.max(1, Math.ceil(rows.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  return {
    rows: rows.slice((page - 1) * query.pageSize, page * query.pageSize),
    total: rows.length,
    page,
    pageSize: query.pageSize,
    pageCount,
    bySeverity,
    byRule: [...ruleCounts.entries()]
      .map(([ruleId, c]) => ({ ruleId, severity: c.severity, count: c.count, apps: c.apps.size }))
      .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.count - a.count || cmp(a.ruleId, b.ruleId)),
    appsWithFindings: appsWithFindings.size,
    appCount: entries.length,
  };
}
