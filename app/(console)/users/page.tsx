import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { AddUserForm } from "@/components/users/add-user-form";
import { UserRowActions } from "@/components/users/user-row-actions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/users";
import { UserListQuerySchema, userListHref } from "@/lib/users/list-query";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("users.manage");
  const q = UserListQuerySchema.parse(await searchParams);
  const result = await listUsers(await getDb(), { q: q.q, consoleOnly: q.console, page: q.page, pageSize: 50 });
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <section>
      <h1 className="mb-1 text-xl font-semibold">Users</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        The instance&apos;s users and their console roles. Changing a role, deactivating a user, resetting a password and
        &quot;Sign out everywhere&quot; end the user&apos;s console sessions at once; every change is in the audit log.
      </p>
      <h2 className="mb-2 font-semibold">Add a user</h2>
      <AddUserForm />
      <form method="get" role="search" key={`${q.q}|${q.console}`} className="mt-6 mb-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="users-q" className="block text-xs font-medium text-slate-600 dark:text-slate-400">Search login or name</label>
          <input id="users-q" name="q" defaultValue={q.q} className="input mt-1 py-1.5" />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="console" value="1" defaultChecked={q.console} /> Console users only
        </label>
        <button type="submit" className="rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">Filter</button>
        <Link href="/users" className="rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700">Reset</Link>
      </form>
      <p className="mb-2 text-sm" aria-live="polite">{result.total} user{result.total === 1 ? "" : "s"}</p>
      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="stack-table w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-3 py-2">User</th>
              <th scope="col" className="px-3 py-2">Console role</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Password</th>
              <th scope="col" className="px-3 py-2">Sessions</th>
              <th scope="col" className="px-3 py-2">Actions</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((u) => (
              <tr key={u.Id} className="border-t border-slate-200 align-top dark:border-slate-800" data-testid="user-row" data-login={u.Login}>
                <td className="px-3 py-2" data-label="User">
                  <code className="font-semibold">{u.Login}</code>
                  <div className="text-xs text-slate-600 dark:text-slate-400">{u.DisplayName} · {u.Type}</div>
                </td>
                <td className="px-3 py-2" data-label="Console role">{ROLE_LABELS[u.ConsoleRole]}</td>
                <td className="px-3 py-2" data-label="Status">{u.IsActive ? <Badge tone="clean">Active</Badge> : <Badge>Inactive</Badge>}</td>
                <td className="px-3 py-2 text-xs" data-label="Password">
                  {!u.HasPassword ? "none" : u.MustChangePassword ? "provisional (must change)" : "own"}
                  {u.PasswordChangedUtc && <div className="text-slate-600 dark:text-slate-400">changed <LocalTime iso={u.PasswordChangedUtc.toISOString()} /></div>}
                </td>
                <td className="px-3 py-2" data-label="Sessions" data-testid="live-sessions">{u.LiveSessions}</td>
                <td className="px-3 py-2" data-label="Actions">
                  <UserRowActions user={{ Id: u.Id, Login: u.Login, ConsoleRole: u.ConsoleRole, IsActive: u.IsActive, HasPassword: u.HasPassword, LiveSessions: u.LiveSessions }} />
                </td>
              </tr>
            ))}
            {result.rows.length === 0 && <tr><td colSpan={6} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">No users match.</td></tr>}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav aria-label="Pagination" className="mt-3 flex items-center gap-3 text-sm">
          {q.page > 1 ? <Link href={userListHref(q, { page: q.page - 1 })} className="underline">Previous</Link> : <span className="text-slate-500">Previous</span>}
          <span>Page {Math.min(q.page, pageCount)} of {pageCount}</span>
          {q.page < pageCount ? <Link href={userListHref(q, { page: q.page + 1 })} className="underline">Next</Link> : <span className="text-slate-500">Next</span>}
        </nav>
      )}
    </section>
  );
}
