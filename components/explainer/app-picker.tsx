"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
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
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const results = useQuery({
    queryKey: ["explainer-apps", query],
    queryFn: async () => {
      const res = await fetch(`/api/apps?${new URLSearchParams({ q: query, pageSize: "10", sort: "uri" })}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`The apps could not be searched (HTTP ${res.status}).`);
      return ((await res.json()) as AppListPage).items;
    },
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const items = results.data ?? [];

  function pick(index: number) {
    const item = items[index];
    if (!item) return;
    onChange({ applicationUri: item.ApplicationUri, name: item.Name, clientType: item.ClientType, scope: item.scopes.join(" ") || null, isEnabled: item.IsEnabled });
    setOpen(false);
    setQuery("");
  }

  const listed = open && items.length > 0;
  const status = !open
    ? ""
    : results.isError
      ? results.error.message
      : results.isLoading
        ? "Searching…"
        : results.isSuccess && items.length === 0
          ? "No application matches."
          : "";
  // Enter picks only from the results of what is typed now, not from the previous search's.
  const current = results.isSuccess && !results.isPlaceholderData && !results.isFetching;

  return (
    <div className="relative mt-1">
      <input
        id="explain-app"
        role="combobox"
        aria-expanded={listed}
        aria-controls={listed ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={listed && items[active] ? `${listId}-${active}` : undefined}
        className="input"
        placeholder={value ? `${value.applicationUri} — ${value.name}` : "Search by ApplicationUri or Name"}
        value={open ? query : value ? `${value.applicationUri} — ${value.name}${value.isEnabled ? "" : " (disabled)"}` : ""}
        onFocus={() => setOpen(true)}
        // Closes at once: a late close (a timer) could shut a list the user has just reopened.
        // Presses inside the list do not blur the input (onMouseDown below).
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            if (!open) setOpen(true);
            else setActive((i) => Math.max(0, Math.min(i + 1, items.length - 1)));
          } else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (e.key === "Enter" && open) {
            if (current) pick(active);
          } else if (e.key === "Escape") setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {listed && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Applications"
          aria-busy={!current}
          onMouseDown={(e) => e.preventDefault()} // keeps focus in the input (options, scrollbar)
          className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
          {items.map((item, index) => (
            <li
              key={item.Id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={`cursor-pointer px-3 py-2 ${index === active ? "bg-slate-100 dark:bg-slate-800" : ""}`}
              onClick={() => pick(index)}
            >
              <code>{item.ApplicationUri}</code> <span className="text-slate-600 dark:text-slate-400">{item.Name}{item.IsEnabled ? "" : " (disabled)"}</span>
            </li>
          ))}
        </ul>
      )}
      <p role="status" aria-live="polite" className={status ? `mt-1 text-xs ${results.isError ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}` : "sr-only"}>
        {status}
      </p>
    </div>
  );
}
