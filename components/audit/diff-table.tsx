function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** A field-level diff from the audit log: field, before, after. */
export function DiffTable({ diff }: { diff: unknown }) {
  const entries = Object.entries((diff ?? {}) as Record<string, { from: unknown; to: unknown }>);
  if (entries.length === 0) return <p className="text-xs text-slate-600 dark:text-slate-400">No field changed.</p>;
  return (
    <table className="mt-2 w-full text-left text-xs">
      <thead>
        <tr className="text-slate-600 dark:text-slate-400">
          <th scope="col" className="pr-3">Field</th>
          <th scope="col" className="pr-3">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([field, change]) => (
          <tr key={field} className="align-top">
            <td className="pr-3 font-medium">{field}</td>
            <td className="pr-3 break-all text-red-800 dark:text-red-300">{show(change.from)}</td>
            <td className="break-all text-emerald-800 dark:text-emerald-300">{show(change.to)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
