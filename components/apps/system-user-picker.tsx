"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Combobox, searchResults } from "@/components/ui/combobox";
import { searchUsersAction } from "@/lib/actions/search-users";

export interface PickedUser {
  Login: string;
  DisplayName: string;
  IsActive: boolean;
  IsAdministrator: boolean;
}

const facts = (u: PickedUser) => `${u.DisplayName}${u.IsAdministrator ? " · administrator" : ""}${u.IsActive ? "" : " · inactive"}`;

/** Searches Systems.Security.Users for the SystemUser (keyboard as in the explainer's picker); shows the facts the policy cares about. */
export function SystemUserPicker({ value, onChange, error }: { value: PickedUser | null; onChange: (u: PickedUser | null) => void; error?: string }) {
  const [search, setSearch] = useState({ query: "", open: false });
  const results = useQuery({
    queryKey: ["users", search.query],
    queryFn: async () => {
      const r = await searchUsersAction({ query: search.query });
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
    enabled: search.open,
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <label htmlFor="systemUserSearch" className="block text-sm font-medium">SystemUser</label>
      {value ? (
        <div className="mt-1 flex items-center gap-2 text-sm" data-testid="picked-system-user">
          <code>{value.Login}</code>
          <span className="text-slate-600 dark:text-slate-400">{facts(value)}</span>
          <button type="button" className="text-sky-800 underline dark:text-sky-300" onClick={() => onChange(null)}>Change</button>
        </div>
      ) : (
        <Combobox
          id="systemUserSearch"
          listLabel="Users"
          placeholder="Search users by login or name"
          closedText=""
          results={searchResults(results, "No users match.")}
          onQuery={(query, open) => setSearch({ query, open })}
          itemKey={(u) => u.Id}
          renderItem={(u) => (
            <>
              <code>{u.Login}</code> <span className="text-slate-600 dark:text-slate-400">{facts(u)}</span>
            </>
          )}
          onPick={(u) => onChange({ Login: u.Login, DisplayName: u.DisplayName, IsActive: u.IsActive, IsAdministrator: u.IsAdministrator })}
        />
      )}
      {error && <p className="mt-0.5 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}
