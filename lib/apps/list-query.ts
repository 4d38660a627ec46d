// Searching, filtering, sorting and paging the linted fleet for the apps list. Pure: runs on
// the server over the cached fleet (lib/db/fleet.ts); the query is validated by zod.
import { z } from "zod";
import type { Finding, Severity } from "@/lib/policy/types";
import { firstValue, optionalChoice, pageNumber, searchText } from "@/lib/schemas/query";

export const APP_MODES = ["interactive", "service", "hybrid", "none"] as const;
export type AppMode = (typeof APP_MODES)[number];

export const LIST_SORTS = ["uri", "name", "created", "worst", "secretAge"] as const;

// Every field ignores what does not fit (a bad value from a hand-edited or old URL is not an error).
export const AppListQuerySchema = z.object({
  q: searchText(200).default(""),
  clientType: optionalChoice(["Confidential", "Public"] as const),
  enabled: optionalChoice(["true", "false"] as const),
  mode: optionalChoice(APP_MODES),
  worst: optionalChoice(["error", "warning", "info", "clean"] as const),
  sort: optionalChoice(LIST_SORTS).transform((v) => v ?? "uri"),
  dir: optionalChoice(["asc", "desc"] as const).transform((v) => v ?? "asc"),
  page: pageNumber(),
  pageSize: z.preprocess(firstValue, z.coerce.number().int().min(5).max(100).catch(25)).default(25),
});

export type AppListQuery = z.output<typeof AppListQuerySchema>;

/** What the list needs of one app (no hashes, nothing the row does not show). */
export interface ListableApp {
  Id: string;
  ApplicationUri: string;
  Name: string;
  /** The Name's translations, { "<language>": "<text>" }: searched too. */
  NameTranslations?: unknown;
  ClientType: "Confidential" | "Public";
  IsEnabled: boolean;
  ImpersonateAsInternalUserAllowed: boolean;
  ImpersonateAsCommunityUserAllowed: boolean;
  SystemUserAllowed: boolean;
  Scope: string | null;
  HasApplicationSecret: boolean;
  ApplicationSecretCreatedUtc: Date | null;
  CreationTimeUtc: Date;
}

export interface AppListItem {
  Id: string;
  ApplicationUri: string;
  Name: string;
  ClientType: "Confidential" | "Public";
  IsEnabled: boolean;
  mode: AppMode;
  scopes: string[];
  worst: Severity | null;
  counts: Record<Severity, number>;
  /** Age of the current secret in whole days; null when no secret (or unknown age). */
  secretAgeDays: number | null;
  hasSecret: boolean;
}

export interface AppListPage {
  items: AppListItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function appMode(app: Pick<ListableApp, "ImpersonateAsInternalUserAllowed" | "ImpersonateAsCommunityUserAllowed" | "SystemUserAllowed">): AppMode {
  const interactive = app.ImpersonateAsInternalUserAllowed || app.ImpersonateAsCommunityUserAllowed;
  if (interactive && app.SystemUserAllowed) return "hybrid";
  if (interactive) return "interactive";
  if (app.SystemUserAllowed) return "service";
  return "none";
}

const DAY_MS = 86_400_000;
const WORST_RANK: Record<string, number> = { error: 0, warning: 1, info: 2, clean: 3 };

function toItem(row: ListableApp, findings: readonly Finding[], worst: Severity | null, now: number): AppListItem {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    Id: row.Id,
    ApplicationUri: row.ApplicationUri,
    Name: row.Name,
    ClientType: row.ClientType,
    IsEnabled: row.IsEnabled,
    mode: appMode(row),
    scopes: row.Scope ? row.Scope.split(" ").filter(Boolean) : [],
    worst,
    counts,
    secretAgeDays:
      row.HasApplicationSecret && row.ApplicationSecretCreatedUtc
        ? Math.floor((now - row.ApplicationSecretCreatedUtc.getTime()) / DAY_MS)
        : null,
    hasSecret: row.HasApplicationSecret,
  };
}

function translationMatches(translations: unknown, needle: string): boolean {
  if (translations === null || typeof translations !== "object") return false;
  return Object.values(translations as Record<string, unknown>).some((t) => typeof t === "string" && t.toLowerCase().includes(needle));
}

export function queryApps(
  entries: readonly { row: ListableApp; findings: readonly Finding[]; worst: Severity | null }[],
  query: AppListQuery,
  now = Date.now(),
): AppListPage {
  const needle = query.q.toLowerCase();
  const filtered = entries.filter(({ row, worst }) => {
    if (needle && !row.ApplicationUri.toLowerCase().includes(needle) && !row.Name.toLowerCase().includes(needle) && !translationMatches(row.NameTranslations, needle)) return false;
    if (query.clientType && row.ClientType !== query.clientType) return false;
    if (query.enabled && String(row.IsEnabled) !== query.enabled) return false;
    if (query.mode && appMode(row) !== query.mode) return false;
    if (query.worst && (worst ?? "clean") !== query.worst) return false;
    return true;
  });
  const dir = query.dir === "desc" ? -1 : 1;
  const key = (e: (typeof filtered)[number]): string | number => {
    switch (query.sort) {
      case "name":
        return e.row.Name.toLowerCase();
      case "created":
        return e.row.CreationTimeUtc.getTime();
      case "worst":
        return WORST_RANK[e.worst ?? "clean"]!;
      case "secretAge":
        return e.row.ApplicationSecretCreatedUtc ? -e.row.ApplicationSecretCreatedUtc.getTime() : Number.NEGATIVE_INFINITY;
      default:
        return e.row.ApplicationUri;
    }
  };
  const sorted = filtered
    .map((e) => ({ e, k: key(e) }))
    .sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.e.row.ApplicationUri < b.e.row.ApplicationUri ? -1 : 1));
  const pageCount = Math.max(1, Math.ceil(sorted.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const slice = sorted.slice((page - 1) * query.pageSize, page * query.pageSize);
  return {
    items: slice.map(({ e }) => toItem(e.row, e.findings, e.worst, now)),
    total: sorted.length,
    page,
    pageSize: query.pageSize,
    pageCount,
  };
}
