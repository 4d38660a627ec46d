"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Combobox, searchResults } from "@/components/ui/combobox";
import type { AppListPage } from "@/lib/apps/list-query";

export interface ExplainerApp {
  applicationUri: string;
  name: string;
  clientType: "Confidential" | "Public";
  scope: string | null;
  isEnabled: boolean;
}

/** Picks the app to explain by searching the apps list (GET /api/apps), so 10,000 apps cost nothing up front. */
export function AppPicker({ value, onChange }: { value: ExplainerApp | null; onChange: (app: ExplainerApp) => void }) {
  const [search, setSearch] = useState({ query: "", open: false });
  const results = useQuery({
    queryKey: ["explainer-apps", search.query],
    queryFn: async () => {
      const res = await fetch(`/api/apps?${new URLSearchParams({ q: search.query, pageSize: "10", sort: "uri" })}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`The apps could not be searched (HTTP ${res.status}).`);
      return ((await res.json()) as AppListPage).items;
    },
    enabled: search.open,
    placeholderData: keepPreviousData,
  });
  return (
    <Combobox
      id="explain-app"
      listLabel="Applications"
      placeholder={value ? `${value.applicationUri} — ${value.name}` : "Search by ApplicationUri or Name"}
      closedText={value ? `${value.applicationUri} — ${value.name}${value.isEnabled ? "" : " (disabled)"}` : ""}
      results={searchResults(results, "No application matches.")}
      onQuery={(query, open) => setSearch({ query, open })}
      itemKey={(item) => item.Id}
      renderItem={(item) => (
        <>
          <code>{item.ApplicationUri}</code> <span className="text-slate-600 dark:text-slate-400">{item.Name}{item.IsEnabled ? "" : " (disabled)"}</span>
        </>
      )}
      onPick={(item) => onChange({ applicationUri: item.ApplicationUri, name: item.Name, clientType: item.ClientType, scope: item.scopes.join(" ") || null, isEnabled: item.IsEnabled })}
    />
  );
}
