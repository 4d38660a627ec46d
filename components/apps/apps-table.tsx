"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { AppListQuerySchema, type AppListPage, type AppListQuery } from "@/lib/apps/list-query";
import { useDebounced } from "@/components/ui/use-debounced";
import { Badge, SeverityBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ToggleEnabledButton } from "./toggle-enabled-button";

type Filters = Omit<AppListQuery, "page" | "pageSize"> & { page: number; pageSize: number };

const PARAM_ORDER = ["q", "clientType", "enabled", "mode", "worst", "sort", "dir", "page", "pageSize"] as const;

/** The query string of a view: defaults left out, always in the same order (one URL per view). */
function toParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of PARAM_ORDER) {
    const v = f[k];
    if (v === undefined || v === "" || (k === "page" && v === 1) || (k === "pageSize" && v === 25)) continue;
    if ((k === "sort" && v === "uri") || (k === "dir" && v === "asc")) continue;
    p.set(k, String(v));
  }
  return p;
}

const SORT_LABELS: Record<AppListQuery["sort"], string> = {
  uri: "ApplicationUri",
  name: "Name",
  created: "Created",
  worst: "Worst finding",
  secretAge: "Secret age",
};

/**
 * The apps list. Its state (search, filters, sort, page) lives in the URL: read from it when
 * the list appears (a reload, Back, a shared link) and written to it as it changes.
 */
export function AppsTable({ initial, initialQuery, canToggle }: { initial: AppListPage; initialQuery: Filters; canToggle: boolean }) {
  const searchParams = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => AppListQuerySchema.parse(Object.fromEntries(searchParams)));
  const [search, setSearch] = useState(filters.q);
  const q = useDebounced(search, 200);
  const effective: Filters = { ...filters, q };
  const params = toParams(effective).toString();

  // The URL follows every change at once (not the debounced search): a later write would
  // overrule a navigation the user started meanwhile (a click on a result just after typing).
  const urlParams = toParams({ ...filters, q: search.trim() }).toString();
  useEffect(() => {
    const url = urlParams ? `/apps?${urlParams}` : "/apps";
    if (window.location.pathname === "/apps" && `${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(null, "", url);
  }, [urlParams]);

  const query = useQuery({
    queryKey: ["apps", params],
    queryFn: async (): Promise<AppListPage> => {
      const res = await fetch(`/api/apps?${params}`, { cache: "no-store" });
      if (!res.ok) throw new Error(res.status === 401 ? "Your session has ended. Sign in again." : "Could not load the applications.");
      return res.json();
    },
    initialData: params === toParams(initialQuery).toString() ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const select = (name: keyof Filters, label: string, options: [string, string][]) => (
    <div>
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">{label}</label>
      <select
        id={`f-${name}`}
        className="input mt-1 py-1.5"
        value={(filters[name] as string | undefined) ?? ""}
        onChange={(e) => set({ [name]: e.target.value || undefined } as Partial<Filters>)}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </div>
  );

  return (
    <div>
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7" role="search">
        <div className="col-span-2 sm:col-span-3 lg:col-span-2">
          <label htmlFor="f-q" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Search ApplicationUri or Name</label>
          <input id="f-q" type="search" className="input mt-1 py-1.5" value={search} onChange={(e) => { setSearch(e.target.value); setFilters((f) => ({ ...f, page: 1 })); }} placeholder="com.vendor/app" />
        </div>
        {select("clientType", "Client type", [["", "All"], ["Confidential", "Confidential"], ["Public", "Public"]])}
        {select("enabled", "Status", [["", "All"], ["true", "Enabled"], ["false", "Disabled"]])}
        {select("mode", "Mode", [["", "All"], ["interactive", "Interactive"], ["service", "Service"], ["hybrid", "Hybrid"], ["none", "None"]])}
        {select("worst", "Worst finding", [["", "All"], ["error", "Error"], ["warning", "Warning"], ["info", "Info"], ["clean", "Clean"]])}
        <div>
          <label htmlFor="f-sort" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Sort by</label>
          <div className="mt-1 flex gap-1">
            <select id="f-sort" className="input py-1.5" value={filters.sort} onChange={(e) => set({ sort: e.target.value as Filters["sort"] })}>
              {Object.entries(SORT_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
            <Button variant="secondary" aria-label={filters.dir === "asc" ? "Sort descending" : "Sort ascending"} onClick={() => set({ dir: filters.dir === "asc" ? "desc" : "asc" })}>
              {filters.dir === "asc" ? "↑" : "↓"}
            </Button>
          </div>
        </div>
      </div>

      {query.isError && <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-300">{(query.error as Error).message}</p>}
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {data ? `${data.total} application${data.total === 1 ? "" : "s"}` : "Loading…"}
        {query.isFetching && <span className="ml-2" aria-hidden>⟳</span>}
      </p>

      <div className="relative overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="stack-table w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-3 py-2">Application</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Client type</th>
              <th scope="col" className="px-3 py-2">Mode</th>
              <th scope="col" className="px-3 py-2">Scopes</th>
              <th scope="col" className="px-3 py-2">Worst finding</th>
              <th scope="col" className="px-3 py-2">Secret age</th>
              {canToggle && <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {data?.items.map((app) => (
              <tr key={app.Id} className="border-t border-slate-200 dark:border-slate-800" data-testid="app-row">
                <td className="px-3 py-2" data-label="Application">
                  <Link href={`/apps/${app.Id}`} className="font-mono text-sky-800 hover:underline dark:text-sky-300">{app.ApplicationUri}</Link>
                  <div className="text-xs text-slate-600 dark:text-slate-400">{app.Name}</div>
                </td>
                <td className="px-3 py-2" data-label="Status">{app.IsEnabled ? <Badge tone="clean">Enabled</Badge> : <Badge>Disabled</Badge>}</td>
                <td className="px-3 py-2" data-label="Client type">{app.ClientType}</td>
                <td className="px-3 py-2 capitalize" data-label="Mode">{app.mode}</td>
                <td className="px-3 py-2 font-mono text-xs" data-label="Scopes">{app.scopes.join(" ") || "—"}</td>
                <td className="px-3 py-2" data-label="Worst finding">
                  <SeverityBadge severity={app.worst} />
                  {app.worst && (
                    <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">
                      {app.counts.error}E {app.counts.warning}W {app.counts.info}I
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-xs" data-label="Secret age">{app.hasSecret ? (app.secretAgeDays === null ? "set" : `${app.secretAgeDays} d`) : "—"}</td>
                {canToggle && (
                  <td className="px-3 py-2 sm:text-right">
                    <ToggleEnabledButton id={app.Id} applicationUri={app.ApplicationUri} enabled={app.IsEnabled} onDone={() => void query.refetch()} />
                  </td>
                )}
              </tr>
            ))}
            {data && data.items.length === 0 && (
              <tr><td colSpan={8} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">No applications match.</td></tr>
            )}
          </tbody>
        </table>
      </div>

      {data && data.pageCount > 1 && (
        <nav aria-label="Pagination" className="mt-3 flex items-center gap-2 text-sm">
          <Button variant="secondary" disabled={data.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: data.page - 1 }))}>Previous</Button>
          <span>Page {data.page} of {data.pageCount}</span>
          <Button variant="secondary" disabled={data.page >= data.pageCount} onClick={() => setFilters((f) => ({ ...f, page: data.page + 1 }))}>Next</Button>
        </nav>
      )}
    </div>
  );
}
