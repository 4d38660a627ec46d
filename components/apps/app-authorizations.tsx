// The Authorizations of an app (users' consent to its scopes), on the app's page. Server-safe:
// only the revoke button is a client component, and only administrators get it.
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { ScopeChips } from "@/components/ui/scope-chips";
import type { AuthorizationRow } from "@/lib/db/authorizations";
import { RevokeAuthorizationButton } from "./revoke-authorization-button";

export function AppAuthorizations({
  appId,
  applicationUri,
  rows,
  canRevoke,
}: {
  appId: string;
  applicationUri: string;
  rows: readonly AuthorizationRow[];
  canRevoke: boolean;
}) {
  return (
    <section aria-labelledby="authorizations-h" data-testid="app-authorizations">
      <h2 id="authorizations-h" className="mb-1 text-lg font-semibold">Authorizations</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Users who consented to the app&apos;s scopes; a sign-in that asks for no more than these skips the consent screen.
      </p>
      {rows.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white px-3 py-4 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400" data-testid="authorizations-empty">
          No user has authorized this app.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="stack-table w-full text-left text-sm">
            <caption className="sr-only">Users who authorized {applicationUri}, newest first</caption>
            <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-3 py-2">User</th>
                <th scope="col" className="px-3 py-2">User type</th>
                <th scope="col" className="px-3 py-2">Scopes</th>
                <th scope="col" className="px-3 py-2">Authorized</th>
                {canRevoke && <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} className="border-t border-slate-200 align-top dark:border-slate-800" data-testid="authorization-row" data-login={a.user.login}>
                  <td className="px-3 py-2" data-label="User">
                    <code className="font-semibold">{a.user.login}</code>
                    {!a.user.isActive && <span className="ml-2"><Badge>Inactive</Badge></span>}
                    <div className="text-xs text-slate-600 dark:text-slate-400">{a.user.displayName}</div>
                  </td>
                  <td className="px-3 py-2" data-label="User type"><Badge>{a.user.type}</Badge></td>
                  <td className="px-3 py-2" data-label="Scopes"><ScopeChips scope={a.scope} /></td>
                  <td className="px-3 py-2 text-xs" data-label="Authorized"><LocalTime iso={a.authorizationTimeUtc.toISOString()} /></td>
                  {canRevoke && (
                    <td className="px-3 py-2 sm:text-right">
                      <RevokeAuthorizationButton appId={appId} applicationUri={applicationUri} authorizationId={a.id} login={a.user.login} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
