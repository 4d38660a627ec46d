"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * A search-as-you-type combobox (WAI-ARIA APG "combobox with listbox popup"): typing searches,
 * ArrowUp/ArrowDown move through the results, Enter picks (only from the results of what is
 * typed now), Escape closes, a click picks. The caller runs the search (`results`) and owns
 * the picked value; this component owns the text being typed and the active option.
 */
export function Combobox<T>({
  id,
  listLabel,
  placeholder,
  closedText,
  results,
  onQuery,
  itemKey,
  renderItem,
  onPick,
}: {
  id: string;
  /** Accessible name of the listbox ("Applications", "Users"). */
  listLabel: string;
  placeholder: string;
  /** What the field shows while closed (the picked value), "" for nothing. */
  closedText: string;
  results: {
    items: readonly T[];
    /** The items belong to the text typed now (not the previous search's, still shown meanwhile). */
    current: boolean;
    /** "Searching…", "Nothing matches.", an error: announced to screen readers. */
    status: string;
    error?: boolean;
  };
  /** The text typed, and whether the list is open (search only while it is). */
  onQuery: (query: string, open: boolean) => void;
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  onPick: (item: T) => void;
}) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const { items } = results;

  const show = (q: string, o: boolean) => {
    setQuery(q);
    setOpen(o);
    onQuery(q, o);
  };
  function pick(index: number) {
    const item = items[index];
    if (!item) return;
    onPick(item);
    show("", false);
  }

  const listed = open && items.length > 0;
  return (
    <div className="relative mt-1">
      <input
        id={id}
        role="combobox"
        aria-expanded={listed}
        aria-controls={listed ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={listed && items[active] ? `${listId}-${active}` : undefined}
        className="input"
        placeholder={placeholder}
        value={open ? query : closedText}
        autoComplete="off"
        onFocus={() => show(query, true)}
        // Closes at once: a late close (a timer) could shut a list the user has just reopened.
        // Presses inside the list do not blur the input (onMouseDown below).
        onBlur={() => show(query, false)}
        onChange={(e) => {
          setActive(0);
          show(e.target.value, true);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            if (!open) show(query, true);
            else setActive((i) => Math.max(0, Math.min(i + 1, items.length - 1)));
          } else if (e.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
          else if (e.key === "Enter" && open) {
            if (results.current) pick(active);
          } else if (e.key === "Escape" && open) show(query, false);
          else return;
          // Handled here: Enter does not submit the surrounding form, Escape does not close a dialog.
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {listed && (
        <ul
          id={listId}
          role="listbox"
          aria-label={listLabel}
          aria-busy={!results.current}
          onMouseDown={(e) => e.preventDefault()} // keeps focus in the input (options, scrollbar)
          className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {items.map((item, index) => (
            <li
              key={itemKey(item)}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={`cursor-pointer px-3 py-2 ${index === active ? "bg-slate-100 dark:bg-slate-800" : ""}`}
              onClick={() => pick(index)}
            >
              {renderItem(item)}
            </li>
          ))}
        </ul>
      )}
      <p role="status" aria-live="polite" className={open && results.status ? `mt-1 text-xs ${results.error ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}` : "sr-only"}>
        {open ? results.status : ""}
      </p>
    </div>
  );
}

/** A react-query search as Combobox results: its items, whether they are current, the status line. */
export function searchResults<T>(
  r: { data?: readonly T[]; isError: boolean; error: Error | null; isLoading: boolean; isSuccess: boolean; isPlaceholderData: boolean; isFetching: boolean },
  none: string,
) {
  const items = r.data ?? [];
  const status = r.isError ? (r.error?.message ?? "The search failed.") : r.isLoading ? "Searching…" : r.isSuccess && items.length === 0 ? none : "";
  return { items, current: r.isSuccess && !r.isPlaceholderData && !r.isFetching, status, error: r.isError };
}
