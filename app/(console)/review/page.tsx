import type { Metadata } from "next";
import Link from "next/link";
import { DisabledAppAuthorizations } from "@/components/review/disabled-app-authorizations";
import { SeverityBadge } from "@/components/ui/badge";
import { requirePermission } from "@/lib/auth/session";
import { authorizationsOfDisabledApps } from "@/lib/db/authorizations";
import { getDb } from "@/lib/db/client";
import { getFleet } from "@/lib/db/fleet";
import { getRule } from "@/lib/policy";
import { queryReview, ReviewQuerySchema, type ReviewQuery } from "@/lib/review/query";

export const metadata: Metadata = { title: "Security review" };

const DISABLED_AUTHORIZATIONS_LIMIT = 200;

function href(q: ReviewQuery, patch: Partial<ReviewQuery>): string {
  const merged = { ...q, ...patch };
  const p = new URLSearchParams();
  if (merged.severity) p.set("severity", merged.severity);
  if (merged.rule) p.set("rule", merged.rule);
  if (merged.app) p.set("app", merged.app);
  if (merged.sort !== "severity") p.set("sort", merged.sort);
  if (merged.dir !== "asc") p.set("dir", merged.dir);
  if (merged.page > 1) p.set("page", String(merged.page));
  if (merged.pageSize !== 50) p.set("pageSize", String(merged.pageSize));
  const s = p.toString();
  return s ? `/review?${s}` : "/review";
}

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("review.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const q = ReviewQuerySchema.parse(raw);
  const db = await getDb();
  const [fleet, disabledAuthorizations] = await Promise.all([getFleet(db), authorizationsOfDisabledApps(db, DISABLED_AUTHORIZATIONS_LIMIT + 1)]);
  const result = queryReview(fleet.entries, q);
  const ariaSort = (key: ReviewQuery["sort"]) => (q.sort === key ? (q.dir === "asc" ? "ascending" : "descending") : undefined);
  const sortLink = (key: ReviewQuery["sort"], label: string) => {
    const active = q.sort === key;
    const dir = active && q.dir === "asc" ? "desc" : "asc";
    return (
      <Link href={href(q, { sort: key, dir, page: 1 })} className="hover:underline">
        {label}{active ? (q.dir === "asc" ? " ↑" : " ↓") : ""}
      </Link>
    );
  };

  return (
    <section>
      <h1 className="mb-1 text-xl font-semibold">Security review</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Every configuration linted against the security policy: {result.appCount} applications, {result.appsWithFindings} with findings shown.
      </p>
      <div className="mb-4 flex flex-wrap gap-2 text-sm" aria-label="Findings by severity">
        {(["error", "warning", "info"] as const).map((s) => (
          <Link key={s} href={href(q, { severity: q.severity === s ? undefined : s, page: 1 })} className={`rounded-md border px-3 py-1.5 ${q.severity === s ? "border-sky-700 bg-sky-50 dark:bg-sky-950" : "border-slate-300 dark:border-slate-700"}`} data-testid={`severity-${s}`}>
            <SeverityBadge severity={s} /> <span className="ml-1 font-semibold">{result.bySeverity[s]}</span>
          </Link>
        ))}
      </div>
      {/* Keyed by the query: after a chip or a link changed it, the selects show the same state. */}
      <form method="get" key={href(q, {})} className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-4" role="search">
        {q.sort !== "severity" && <input type="hidden" name="sort" value={q.sort} />}
        {q.dir !== "asc" && <input type="hidden" name="dir" value={q.dir} />}
        {q.pageSize !== 50 && <input type="hidden" name="pageSize" value={q.pageSize} />}
        <div>
          <label htmlFor="severity" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Severity</label>
          <select id="severity" name="severity" defaultValue={q.severity ?? ""} className="input mt-1 py-1.5">
            <option value="">All</option>
            <option value="error">Error</option>
            <option value="warning">Warning</option>
            <option value="info">Info</option>
          </select>
        </div>
        <div>
          <label htmlFor="rule" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Rule</label>
          <select id="rule" name="rule" defaultValue={q.rule ?? ""} className="input mt-1 py-1.5">
            <option value="">All</option>
            {result.byRule.map((r) => <option key={r.ruleId} value={r.ruleId}>{r.ruleId} ({r.count})</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="app" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Application</label>
          <input id="app" name="app" defaultValue={q.app} placeholder="ApplicationUri or Name" className="input mt-1 py-1.5" />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">Filter</button>
          <Link href="/review" className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700">Reset</Link>
        </div>
      </form>

      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0">
          <p className="mb-2 text-sm" aria-live="polite">{result.total} findings</p>
          <div className="relative overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="stack-table w-full text-left text-sm">
              <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-3 py-2" aria-sort={ariaSort("severity")}>{sortLink("severity", "Severity")}</th>
                  <th scope="col" className="px-3 py-2" aria-sort={ariaSort("rule")}>{sortLink("rule", "Rule")}</th>
                  <th scope="col" className="px-3 py-2" aria-sort={ariaSort("app")}>{sortLink("app", "Application")}</th>
                  <th scope="col" className="px-3 py-2">Finding and fix</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r, i) => (
                  <tr key={`${r.appId}-${r.ruleId}-${i}`} className="border-t border-slate-200 align-top dark:border-slate-800" data-testid="review-row">
                    <td className="px-3 py-2" data-label="Severity"><SeverityBadge severity={r.severity} /></td>
                    <td className="px-3 py-2" data-label="Rule"><code className="text-xs">{r.ruleId}</code><div className="text-xs text-slate-600 dark:text-slate-400">{r.field}</div></td>
                    <td className="px-3 py-2" data-label="Application"><Link href={`/apps/${r.appId}`} className="font-mono text-sky-800 hover:underline dark:text-sky-300">{r.applicationUri}</Link></td>
                    <td className="px-3 py-2" data-label="Finding and fix">{r.message}<div className="text-slate-700 dark:text-slate-300"><span className="font-medium">Fix:</span> {r.fix}</div></td>
                  </tr>
                ))}
                {result.rows.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">No findings match.</td></tr>}
              </tbody>
            </table>
          </div>
          {result.pageCount > 1 && (
            <nav aria-label="Pagination" className="mt-3 flex items-center gap-3 text-sm">
              {result.page > 1 ? <Link href={href(q, { page: result.page - 1 })} className="underline">Previous</Link> : <span className="text-slate-500">Previous</span>}
              <span>Page {result.page} of {result.pageCount}</span>
              {result.page < result.pageCount ? <Link href={href(q, { page: result.page + 1 })} className="underline">Next</Link> : <span className="text-slate-500">Next</span>}
            </nav>
          )}
        </div>
        <aside aria-labelledby="per-rule-h" className="min-w-0">
          <h2 id="per-rule-h" className="mb-2 font-semibold">Findings per rule</h2>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {result.byRule.map((r) => (
              <li key={r.ruleId} className="px-3 py-2">
                <Link href={href(q, { rule: q.rule === r.ruleId ? undefined : r.ruleId, page: 1 })} className="flex items-center justify-between gap-2 hover:underline">
                  <span><SeverityBadge severity={r.severity} /> <code className="ml-1 text-xs">{r.ruleId}</code></span>
                  <span className="text-xs">{r.count} in {r.apps} app{r.apps === 1 ? "" : "s"}</span>
                </Link>
                <div className="text-xs text-slate-600 dark:text-slate-400">{getRule(r.ruleId)?.title}</div>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <DisabledAppAuthorizations rows={disabledAuthorizations} limit={DISABLED_AUTHORIZATIONS_LIMIT} />
    </section>
  );
}
