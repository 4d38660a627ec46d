// Users who still hold an Authorization for a disabled app, on the review dashboard. A disabled
// app gets no tokens, but its Authorizations survive: enabling it again would let these users
// in without a consent screen, so a reviewer wants to see (and an administrator to revoke) them.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { ScopeChips } from "@/components/ui/scope-chips";
import type { DisabledAppAuthorization } from "@/lib/db/authorizations";

/** `rows` may hold one more than `limit`: that one only tells that the list goes on. */
export function DisabledAppAuthorizations({ rows: all, limit }: { rows: readonly DisabledAppAuthorization[]; limit: number }) {
  const rows = all.slice(0, limit);
  return (
    <section aria-labelledby="disabled-authz-h" className="mt-8" data-testid="disabled-app-authorizations">
      <h2 id="disabled-authz-h" className="mb-1 text-lg font-semibold">Users with authorizations to disabled apps</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Enabling one of these apps again would let these users in without asking for consent. An administrator can revoke an
        authorization on the app&apos;s page.
      </p>
      {rows.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white px-3 py-4 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400" data-testid="disabled-app-authorizations-empty">
          None: no disabled app still holds a user&apos;s authorization.
        </p>
      ) : (
        <>
          {all.length > limit && <p className="mb-2 text-sm" role="note">Showing the first {limit}.</p>}
          <div className="overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="stack-table w-full text-left text-sm">
              <caption className="sr-only">Users with authorizations to disabled apps, by application</caption>
              <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-3 py-2">Application</th>
                  <th scope="col" className="px-3 py-2">User</th>
                  <th scope="col" className="px-3 py-2">User type</th>
                  <th scope="col" className="px-3 py-2">Scopes</th>
                  <th scope="col" className="px-3 py-2">Authorized since</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.appId}-${r.login}`} className="border-t border-slate-200 align-top dark:border-slate-800" data-testid="disabled-app-authorization-row" data-login={r.login}>
                    <td className="px-3 py-2" data-label="Application">
                      <Link href={`/apps/${r.appId}`} className="font-mono break-all text-sky-800 hover:underline dark:text-sky-300">{r.applicationUri}</Link>
                    </td>
                    <td className="px-3 py-2" data-label="User"><code className="font-semibold">{r.login}</code></td>
                    <td className="px-3 py-2" data-label="User type"><Badge>{r.userType}</Badge></td>
                    <td className="px-3 py-2" data-label="Scopes"><ScopeChips scope={r.scope} /></td>
                    <td className="px-3 py-2 text-xs" data-label="Authorized since"><LocalTime iso={r.authorizationTimeUtc.toISOString()} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
