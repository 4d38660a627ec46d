import type { Metadata } from "next";
import Link from "next/link";
import { AppsTable } from "@/components/apps/apps-table";
import { AppListQuerySchema, queryApps } from "@/lib/apps/list-query";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getFleet } from "@/lib/db/fleet";

export const metadata: Metadata = { title: "Applications" };

export default async function AppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("apps.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query = AppListQuerySchema.parse(raw);
  const fleet = await getFleet(await getDb());
  const initial = queryApps(fleet.entries, query);
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Trusted applications</h1>
        {can(actor.ConsoleRole, "apps.write") && (
          <Link href="/apps/new" className="rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">
            New application
          </Link>
        )}
      </div>
      <AppsTable initial={initial} initialQuery={query} canToggle={can(actor.ConsoleRole, "apps.toggle")} />
    </section>
  );
}
