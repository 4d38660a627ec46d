import { describe, expect, it } from "vitest";
import type { Finding } from "@/lib/policy/types";
import { queryReview, ReviewQuerySchema } from "./query";

const f = (ruleId: string, severity: Finding["severity"]): Finding => ({ ruleId, severity, field: "Scope", message: `${ruleId} message`, fix: "fix it", flows: [] });
const entries = [
  { row: { Id: "1", ApplicationUri: "com.a/one", Name: "One" }, findings: [f("TA-X", "error"), f("TA-Y", "info")] },
  { row: { Id: "2", ApplicationUri: "com.b/two", Name: "Two" }, findings: [f("TA-X", "error"), f("TA-Z", "warning")] },
  { row: { Id: "3", ApplicationUri: "com.c/three", Name: "Three" }, findings: [] },
];

describe("queryReview", () => {
  it("lists every finding across apps, errors first, with counts", () => {
    const page = queryReview(entries, ReviewQuerySchema.parse({}));
    expect(page.rows.map((r) => `${r.applicationUri}:${r.ruleId}`)).toEqual(["com.a/one:TA-X", "com.b/two:TA-X", "com.b/two:TA-Z", "com.a/one:TA-Y"]);
    expect(page.bySeverity).toEqual({ error: 2, warning: 1, info: 1 });
    expect(page.byRule[0]).toEqual({ ruleId: "TA-X", severity: "error", count: 2, apps: 2 });
    expect(page).toMatchObject({ appsWithFindings: 2, appCount: 3, total: 4 });
  });

  it("filters by severity, rule and app, keeping rule counts for picking a rule", () => {
    expect(queryReview(entries, ReviewQuerySchema.parse({ severity: "warning" })).rows.map((r) => r.ruleId)).toEqual(["TA-Z"]);
    const byRule = queryReview(entries, ReviewQuerySchema.parse({ rule: "TA-X" }));
    expect(byRule.total).toBe(2);
    expect(byRule.byRule.map((r) => r.ruleId).sort()).toEqual(["TA-X", "TA-Y", "TA-Z"]);
    expect(queryReview(entries, ReviewQuerySchema.parse({ app: "TWO" })).rows.map((r) => r.ruleId)).toEqual(["TA-X", "TA-Z"]);
  });

  it("sorts by app or rule in either direction and pages", () => {
    const desc = queryReview(entries, ReviewQuerySchema.parse({ sort: "app", dir: "desc" }));
    expect(desc.rows[0]?.applicationUri).toBe("com.b/two");
    const paged = queryReview(entries, ReviewQuerySchema.parse({ pageSize: 10, page: 99 }));
    expect(paged.page).toBe(1);
  });

  it("ignores garbage query values", () => {
    expect(ReviewQuerySchema.parse({ severity: "fatal", rule: "<script>", sort: "x", page: "-3" })).toMatchObject({ severity: undefined, rule: undefined, sort: "severity", page: 1 });
  });
});
