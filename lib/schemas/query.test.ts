import { describe, expect, it } from "vitest";
import { AppListQuerySchema } from "@/lib/apps/list-query";
import { AuditQuerySchema } from "@/lib/audit/list-query";
import { ReviewQuerySchema } from "@/lib/review/query";
import { UserListQuerySchema } from "@/lib/users/list-query";
import { isUuid } from "./query";

// Hand-edited, old or hostile URLs: every page reads its query string with these schemas,
// which must never throw (a throw is a 500 page).
const HOSTILE: Record<string, unknown>[] = [
  { clientType: "C" },
  { sort: "evil" },
  { sort: "__proto__", dir: "sideways" },
  { q: "x".repeat(5000) },
  { q: ["a", "b"], page: ["2", "3"] },
  { page: "1e308", pageSize: "-5" },
  { page: "NaN", worst: ["error", "x"] },
  { q: "nul\u0000byte", app: "a\u0000", severity: "fatal", rule: "<script>" },
  { actor: ["a", "b"], action: "x".repeat(500) },
  { console: "yes" },
];

describe("query-string schemas", () => {
  it.each(HOSTILE)("never throw on %j", (raw) => {
    for (const schema of [AppListQuerySchema, ReviewQuerySchema, AuditQuerySchema, UserListQuerySchema]) {
      expect(() => schema.parse(raw)).not.toThrow();
    }
  });

  it("ignore what does not fit and keep what does", () => {
    expect(AppListQuerySchema.parse({ clientType: "C", sort: "evil", q: "x".repeat(300) })).toMatchObject({ clientType: undefined, sort: "uri", q: "x".repeat(200) });
    expect(AppListQuerySchema.parse({ clientType: "Public", sort: "name", dir: "desc", q: [" web ", "x"] })).toMatchObject({ clientType: "Public", sort: "name", dir: "desc", q: "web" });
    expect(AuditQuerySchema.parse({ q: ["a", "b"], page: "1e308" })).toMatchObject({ q: "a", page: 1 });
    expect(AuditQuerySchema.parse({ q: "bad\u0000" }).q).toBe("");
    expect(ReviewQuerySchema.parse({ severity: ["warning", "error"], rule: "TA-SCOPE-SEC", page: "3" })).toMatchObject({ severity: "warning", rule: "TA-SCOPE-SEC", page: 3 });
    expect(UserListQuerySchema.parse({ console: "1", page: "2" })).toMatchObject({ console: true, page: 2 });
  });

  it("isUuid accepts UUIDs only", () => {
    expect(isUuid("6f1c7f0e-9a55-4c1e-8f7e-2b8d1b1f6c3a")).toBe(true);
    expect(isUuid("-".repeat(36))).toBe(false);
    expect(isUuid("6f1c7f0e9a554c1e8f7e2b8d1b1f6c3a")).toBe(false);
  });
});
