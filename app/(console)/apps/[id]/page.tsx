import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isUuid } from "@/lib/schemas/query";
import { AppActions } from "@/components/apps/app-actions";
import { AppAuthorizations } from "@/components/apps/app-authorizations";
import { AppHistory } from "@/components/apps/app-history";
import { FindingsList } from "@/components/apps/findings-list";
import { Badge, SeverityBadge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { appMode } from "@/lib/apps/list-query";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/db/audit";
import { listAppAuthorizations } from "@/lib/db/authorizations";
import { getDb } from "@/lib/db/client";
import { getFleet } from "@/lib/db/fleet";
import { parseUrlList } from "@/lib/policy/urls";

export const metadata: Metadata = { title: "Application" };

function age(from: Date | null): string {
  if (!from) return "—";
  const days = Math.floor((Date.now() - from.getTime()) / 86_400_000);
  return days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"} ago`;
}

export default async function AppPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> }) {
  const actor = await requirePermission("apps.read");
  const { id } = await params;
  const { tab } = await searchParams;
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const entry = (await getFleet(db)).byId.get(id);
  if (!entry) notFound();
  const app = entry.row;
  const translations = Object.entries((app.NameTranslations ?? {}) as Record<string, string>);
  const history = tab === "history" ? await listAuditEvents(db, { targetId: id, pageSize: 100 }) : null;
  const authorizations = history ? null : await listAppAuthorizations(db, id);
  const previousValid = app.PreviousSecretExpiresUtc && app.PreviousSecretExpiresUtc.getTime() > Date.now();

  const rows: [string, React.ReactNode][] = [
    ["ApplicationUri (client_id)", <code key="u">{app.ApplicationUri}</code>],
    ["Name", <span key="n">{app.Name}{translations.map(([l, t]) => <span key={l} className="ml-2 text-xs text-slate-600 dark:text-slate-400">{l}: {t}</span>)}</span>],
    ["ClientType", app.ClientType],
    ["ImpersonateLoginUrl", parseUrlList(app.ImpersonateLoginUrl).join(", ") || "—"],
    ["ImpersonateLogoutUrl", parseUrlList(app.ImpersonateLogoutUrl).join(", ") || "—"],
    ["ImpersonateAsInternalUserAllowed", String(app.ImpersonateAsInternalUserAllowed)],
    ["ImpersonateAsCommunityUserAllowed", String(app.ImpersonateAsCommunityUserAllowed)],
    ["SystemUserAllowed", String(app.SystemUserAllowed)],
    ["SystemUser", app.SystemUser ? `${app.SystemUser.Login} (${app.SystemUser.DisplayName})` : "—"],
    ["SystemUserLoginUrl", app.SystemUserLoginUrl ?? "—"],
    ["Scope", <code key="s">{app.Scope ?? "—"}</code>],
    ["AccessTokens", app.AccessTokens],
    ["BasicAuthenticationAllowed", String(app.BasicAuthenticationAllowed)],
    ["IsEnabled", String(app.IsEnabled)],
    ["Notes", app.Notes ?? "—"],
    ["CreationTimeUtc", <LocalTime key="c" iso={app.CreationTimeUtc.toISOString()} />],
    ["Version", <span key="v">{app.Version} (last change by {app.UpdatedBy ?? "—"}, <LocalTime iso={app.UpdatedUtc.toISOString()} />)</span>],
  ];

  const tabLink = (name: string, label: string) => (
    <Link
      href={name === "overview" ? `/apps/${id}` : `/apps/${id}?tab=${name}`}
      aria-current={(tab ?? "overview") === name ? "page" : undefined}
      className={`border-b-2 px-3 py-2 text-sm ${(tab ?? "overview") === name ? "border-sky-700 font-semibold" : "border-transparent hover:border-slate-300"}`}
    >
      {label}
    </Link>
  );

  return (
    <article>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href="/apps" className="hover:underline">Applications</Link> /</nav>
      <header className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="font-mono text-xl font-semibold break-all">{app.ApplicationUri}</h1>
          <p className="text-slate-600 dark:text-slate-400">{app.Name}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {app.IsEnabled ? <Badge tone="clean">Enabled</Badge> : <Badge>Disabled</Badge>}
            <Badge>{app.ClientType}</Badge>
            <Badge>{appMode(app)}</Badge>
            <SeverityBadge severity={entry.worst} />
          </div>
        </div>
        <AppActions
          id={app.Id}
          applicationUri={app.ApplicationUri}
          enabled={app.IsEnabled}
          confidential={app.ClientType === "Confidential"}
          can={{
            write: can(actor.ConsoleRole, "apps.write"),
            toggle: can(actor.ConsoleRole, "apps.toggle"),
            rotate: can(actor.ConsoleRole, "apps.rotateSecret"),
            delete: can(actor.ConsoleRole, "apps.delete"),
          }}
        />
      </header>
      <div className="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-800" role="navigation" aria-label="Application sections">
        {tabLink("overview", "Overview")}
        {tabLink("history", "History")}
      </div>
      {history ? (
        <AppHistory id={app.Id} version={app.Version} events={history.rows.map((e) => ({ ...e, TimeUtc: e.TimeUtc.toISOString(), hasSnapshot: !!e.Snapshot, Snapshot: undefined }))} canRestore={can(actor.ConsoleRole, "apps.write")} />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <section aria-labelledby="findings-h">
            <h2 id="findings-h" className="mb-3 text-lg font-semibold">Policy findings</h2>
            <FindingsList findings={entry.findings} />
          </section>
          <div className="space-y-6">
            <section aria-labelledby="secret-h" className="rounded-md border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
              <h2 id="secret-h" className="mb-2 text-lg font-semibold">Client secret</h2>
              {app.ClientType === "Public" ? (
                <p>Public clients have no secret; they authenticate with their client_id only.</p>
              ) : (
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="secret-info">
                  <dt className="font-medium">Current secret</dt>
                  <dd>{app.HasApplicationSecret ? `created ${age(app.ApplicationSecretCreatedUtc)}` : "none: rotate to generate one"}</dd>
                  <dt className="font-medium">Previous secret</dt>
                  <dd>
                    {previousValid
                      ? <>valid until <LocalTime iso={app.PreviousSecretExpiresUtc!.toISOString()} /> (created {age(app.PreviousSecretCreatedUtc)})</>
                      : "none"}
                  </dd>
                </dl>
              )}
            </section>
            <section aria-labelledby="attrs-h">
              <h2 id="attrs-h" className="mb-2 text-lg font-semibold">Configuration</h2>
              <dl className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                {rows.map(([k, v]) => (
                  <div key={k} className="grid grid-cols-1 gap-1 px-3 py-2 sm:grid-cols-[16rem_1fr]">
                    <dt className="font-medium text-slate-700 dark:text-slate-300">{k}</dt>
                    <dd className="break-all">{v}</dd>
                  </div>
                ))}
              </dl>
            </section>
          </div>
          {/* Full width: a table of users reads badly in half the page. */}
          <div className="lg:col-span-2">
            <AppAuthorizations appId={app.Id} applicationUri={app.ApplicationUri} rows={authorizations ?? []} canRevoke={can(actor.ConsoleRole, "authorizations.revoke")} />
          </div>
        </div>
      )}
    </article>
  );
}
