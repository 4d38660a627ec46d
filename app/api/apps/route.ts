// GET /api/apps - one page of the linted apps list (search-as-you-type, filters, sort).
import { NextResponse, type NextRequest } from "next/server";
import { AppListQuerySchema, queryApps } from "@/lib/apps/list-query";
import { can } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { getFleet } from "@/lib/db/fleet";

export async function GET(request: NextRequest) {
  try {
    return await listApps(request);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return NextResponse.json(
      { error: "database_unavailable", message: "The database is unavailable right now. Try again in a moment." },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}

async function listApps(request: NextRequest) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  if (!can(actor.ConsoleRole, "apps.read")) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  const query = AppListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const fleet = await getFleet(await getDb());
  return NextResponse.json(queryApps(fleet.entries.map((e) => ({ ...e, row: e.row })), query), {
    headers: { "Cache-Control": "no-store" },
  });
}
