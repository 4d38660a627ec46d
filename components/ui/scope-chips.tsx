/** Space-delimited scopes (RFC 6749 §3.3) as a list of small code chips. */
export function ScopeChips({ scope }: { scope: string }) {
  const scopes = scope.split(" ").filter(Boolean);
  if (scopes.length === 0) return <span>—</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {scopes.map((s) => (
        <li key={s}>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600">{s}</code>
        </li>
      ))}
    </ul>
  );
}
