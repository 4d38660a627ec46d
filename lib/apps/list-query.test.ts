import { describe, expect, it } from "vitest";
import type { Finding } from "@/lib/policy/types";
import { AppListQuerySchema, appMode, queryApps, type ListableApp } from "./list-query";

const NOW = Date.parse("2026-11-22T12:00:00Z");

function app(uri: string, over: Partial<ListableApp> = {}): ListableApp {
  return {
    Id: uri,
    ApplicationUri: uri,
    Name: uri.toUpperCase(),
    ClientType: "Confidential",
    IsEnabled: true,
    ImpersonateAsInternalUserAllowed: false,
    ImpersonateAsCommunityUserAllowed: false,
    SystemUserAllowed: true,
    Scope: "read",
    HasApplicationSecret: true,
    ApplicationSecretCreatedUtc: new Date(NOW - 10 * 86_400_000),
    CreationTimeUtc: new Date(NOW),
    ...over,
  };
}
const f = (severity: Finding["severity"]): Finding => ({ ruleId: `R-${severity}`, severity, field: "Scope", message: "m", fix: "x", flows: [] });

const entries = [
  { row: app("com.a/svc"), findings: [], worst: null },
  { row: app("com.b/web", { ImpersonateAsInternalUserAllowed: true, SystemUserAllowed: false, ClientType: "Public", HasApplicationSecret: false, ApplicationSecretCreatedUtc: null }), findings: [f("warning"), f("info")], worst: "warning" as const },
  { row: app("com.c/hybrid", { ImpersonateAsCommunityUserAllowed: true, IsEnabled: false }), findings: [f("error")], worst: "error" as const },
];

describe("queryApps", () => {
  it("searches ApplicationUri and Name case-insensitively", () => {
    const page = queryApps(entries, AppListQuerySchema.parse({ q: "WEB" }), NOW);
    expect(page.items.map((i) => i.ApplicationUri)).toEqual(["com.b/web"]);
  });

  it("searches the Name's translations too", () => {
    const translated = [...entries, { row: app("com.d/portal", { NameTranslations: { bg: "Вътрешно табло", de: "Händlerportal" } }), findings: [], worst: null }];
    expect(queryApps(translated, AppListQuerySchema.parse({ q: "табло" }), NOW).items.map((i) => i.ApplicationUri)).toEqual(["com.d/portal"]);
    expect(queryApps(translated, AppListQuerySchema.parse({ q: "HÄNDLER" }), NOW).total).toBe(1);
  });

  it("filters by client type, enabled, mode and worst finding", () => {
    expect(queryApps(entries, AppListQuerySchema.parse({ clientType: "Public" }), NOW).total).toBe(1);
    expect(queryApps(entries, AppListQuerySchema.parse({ enabled: "false" }), NOW).items[0]?.ApplicationUri).toBe("com.c/hybrid");
    expect(queryApps(entries, AppListQuerySchema.parse({ mode: "service" }), NOW).items[0]?.ApplicationUri).toBe("com.a/svc");
    expect(queryApps(entries, AppListQuerySchema.parse({ worst: "clean" }), NOW).items[0]?.ApplicationUri).toBe("com.a/svc");
    expect(queryApps(entries, AppListQuerySchema.parse({ worst: "error" }), NOW).items[0]?.ApplicationUri).toBe("com.c/hybrid");
  });

  it("sorts by worst finding and pages", () => {
    const page = queryApps(entries, AppListQuerySchema.parse({ sort: "worst", pageSize: 5 }), NOW);
    expect(page.items.map((i) => i.worst)).toEqual(["error", "warning", null]);
    const desc = queryApps(entries, AppListQuerySchema.parse({ sort: "uri", dir: "desc" }), NOW);
    expect(desc.items[0]?.ApplicationUri).toBe("com.c/hybrid");
  });

  it("reports modes, counts and secret age", () => {
    const [svc, web, hybrid] = queryApps(entries, AppListQuerySchema.parse({}), NOW).items;
    expect(svc).toMatchObject({ mode: "service", secretAgeDays: 10, hasSecret: true, counts: { error: 0, warning: 0, info: 0 } });
    expect(web).toMatchObject({ mode: "interactive", secretAgeDays: null, counts: { error: 0, warning: 1, info: 1 } });
    expect(hybrid?.mode).toBe("hybrid");
  });

  it("ignores garbage paging input instead of failing", () => {
    const q = AppListQuerySchema.parse({ page: "abc", pageSize: "9999", sort: "" });
    expect(q).toMatchObject({ page: 1, pageSize: 25, sort: "uri" });
    expect(appMode({ ImpersonateAsInternalUserAllowed: false, ImpersonateAsCommunityUserAllowed: false, SystemUserAllowed: false })).toBe("none");
  });
});
