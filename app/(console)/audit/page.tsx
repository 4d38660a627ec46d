import type { Metadata } from "next";
import Link from "next/link";
import { DiffTable } from "@/components/audit/diff-table";
import { requirePermission } from "@/lib/auth/session";
import { LocalTime } from "@/components/ui/local-time";
import { auditHref, AuditQuerySchema } from "@/lib/audit/list-query";
import { auditFacets, listAuditEvents } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("audit.read");
  const parsed = AuditQuerySchema.parse(await searchParams);
  const db = await getDb();
  const facets = await auditFacets(db);
  const actor = parsed.actor && facets.actors.includes(parsed.actor) ? parsed.actor : undefined;
  const action = parsed.action && facets.actions.includes(parsed.action) ? parsed.action : undefined;
  const query = { ...parsed, actor, action };
  const q = query.q || undefined;
  const result = await listAuditEvents(db, { actor, action, q, page: query.page, pageSize: 50 });
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  const page = Math.min(query.page, pageCount);
  const link = (p: number) => auditHref(query, { page: p });
  return (
    <section>
      <h1 className="mb-4 text-xl font-semibold">Audit log</h1>
      <form method="get" key={auditHref(query)} className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-4" role="search">
        <div>
          <label htmlFor="actor" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Actor</label>
          <select id="actor" name="actor" defaultValue={actor ?? ""} className="input mt-1 py-1.5">
            <option value="">All</option>
            {facets.actors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="action" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Action</label>
          <select id="action" name="action" defaultValue={action ?? ""} className="input mt-1 py-1.5">
            <option value="">All</option>
            {facets.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="q" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Application</label>
          <input id="q" name="q" defaultValue={q} placeholder="ApplicationUri" className="input mt-1 py-1.5" />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">Filter</button>
          <Link href="/audit" className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700">Reset</Link>
        </div>
      </form>
      <p className="mb-2 text-sm">{result.total} events</p>
      <ol className="space-y-3">
        {result.rows.map((e) => (
          <li key={e.Id} className="rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid="audit-event">
            <div>
              <span className="font-semibold">{e.Action}</span> by <span className="font-medium">{e.ActorLogin}</span> on{" "}
              {e.TargetId && e.TargetType === "TrustedApplication" && e.Action !== "app.delete" ? (
                <Link href={`/apps/${e.TargetId}`} className="font-mono text-sky-800 hover:underline dark:text-sky-300">{e.TargetLabel}</Link>
              ) : (
                <span className="font-mono">{e.TargetType === "User" ? `user ${e.TargetLabel}` : e.TargetLabel}</span>
              )}{" "}
              <LocalTime iso={e.TimeUtc.toISOString()} className="text-slate-600 dark:text-slate-400" />
            </div>
            <DiffTable diff={e.Diff} />
            {e.Justification && <p className="mt-2 text-xs"><span className="font-medium">Justification:</span> {e.Justification}</p>}
          </li>
        ))}
      </ol>
      {pageCount > 1 && (
        <nav aria-label="Pagination" className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 ? <Link href={link(page - 1)} className="underline">Previous</Link> : <span className="text-slate-500">Previous</span>}
          <span>Page {page} of {pageCount}</span>
          {page < pageCount ? <Link href={link(page + 1)} className="underline">Next</Link> : <span className="text-slate-500">Next</span>}
        </nav>
      )}
    </section>
  );
}
