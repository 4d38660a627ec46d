import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listApps } from "@/lib/db/apps";

export const metadata: Metadata = { title: "Applications" };

export default async function AppsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  await requirePermission("apps.read");
  const { q, page } = await searchParams;
  const result = await listApps(await getDb(), { q, page: Number(page) || 1 });
  return (
    <section>
      <h1 className="mb-4 text-xl font-semibold">Trusted applications</h1>
      <form className="mb-4 flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">Search by ApplicationUri or Name</label>
        <input id="q" name="q" defaultValue={q} placeholder="Search ApplicationUri or Name" className="input max-w-sm" />
      </form>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{result.total} applications</p>
      <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 dark:bg-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2">ApplicationUri</th>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">ClientType</th>
              <th scope="col" className="px-3 py-2">Scope</th>
              <th scope="col" className="px-3 py-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((app) => (
              <tr key={app.Id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="px-3 py-2 font-mono">
                  <Link href={`/apps/${app.Id}`} className="text-sky-800 hover:underline dark:text-sky-300">{app.ApplicationUri}</Link>
                </td>
                <td className="px-3 py-2">{app.Name}</td>
                <td className="px-3 py-2">{app.ClientType}</td>
                <td className="px-3 py-2 font-mono">{app.Scope ?? "—"}</td>
                <td className="px-3 py-2">{app.IsEnabled ? "Enabled" : "Disabled"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
