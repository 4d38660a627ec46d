"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { searchUsersAction } from "@/lib/actions/search-users";

export interface PickedUser {
  Login: string;
  DisplayName: string;
  IsActive: boolean;
  IsAdministrator: boolean;
}

/** Searches Systems.Security.Users for the SystemUser; shows the facts the policy cares about. */
export function SystemUserPicker({ value, onChange, error }: { value: PickedUser | null; onChange: (u: PickedUser | null) => void; error?: string }) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const results = useQuery({
    queryKey: ["users", query],
    queryFn: async () => {
      const r = await searchUsersAction({ query });
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
    enabled: open,
  });
  return (
    <div>
      <label htmlFor="systemUserSearch" className="block text-sm font-medium">SystemUser</label>
      {value ? (
        <div className="mt-1 flex items-center gap-2 text-sm" data-testid="picked-system-user">
          <code>{value.Login}</code>
          <span className="text-slate-600 dark:text-slate-400">
            {value.DisplayName}
            {value.IsAdministrator ? " · administrator" : ""}
            {value.IsActive ? "" : " · inactive"}
          </span>
          <button type="button" className="text-sky-800 underline dark:text-sky-300" onClick={() => onChange(null)}>Change</button>
        </div>
      ) : (
        <div className="relative mt-1">
          <input
            id="systemUserSearch"
            role="combobox"
            aria-expanded={open}
            aria-controls="systemUserResults"
            aria-autocomplete="list"
            className="input"
            placeholder="Search users by login or name"
            value={query}
            onFocus={() => setOpen(true)}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
            }}
          />
          {open && (
            <ul id="systemUserResults" role="listbox" aria-label="Users" className="absolute z-10 mt-1 max-h-60 w-full overflow-auto rounded-md border border-slate-200 bg-white text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
              {results.isLoading && <li className="px-3 py-2">Searching…</li>}
              {results.data?.map((u) => (
                <li key={u.Id} role="option" aria-selected={false}>
                  <button
                    type="button"
                    className="w-full px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                    onClick={() => {
                      onChange({ Login: u.Login, DisplayName: u.DisplayName, IsActive: u.IsActive, IsAdministrator: u.IsAdministrator });
                      setOpen(false);
                      setQuery("");
                    }}
                  >
                    <code>{u.Login}</code> <span className="text-slate-600 dark:text-slate-400">{u.DisplayName}{u.IsAdministrator ? " · administrator" : ""}{u.IsActive ? "" : " · inactive"}</span>
                  </button>
                </li>
              ))}
              {results.data?.length === 0 && <li className="px-3 py-2">No users match.</li>}
            </ul>
          )}
        </div>
      )}
      {error && <p className="mt-0.5 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}
