import Link from "next/link";
import type { ReactNode } from "react";
import { DatabaseUnavailable } from "@/components/database-unavailable";
import { Providers } from "@/components/providers";
import { SignOutButton } from "@/components/sign-out-button";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/errors";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // The session is the first thing every console page reads from the database: when it cannot
  // be reached, the page says so instead of failing (the page's own reads are not shown).
  const actor = await requireUser().catch((error: unknown) => {
    if (isDatabaseUnavailable(error)) return null;
    throw error; // redirects (to /signin) and real failures
  });
  if (!actor) return <DatabaseUnavailable />;
  const links: [string, string, boolean][] = [
    ["/apps", "Applications", true],
    ["/review", "Security review", can(actor.ConsoleRole, "review.read")],
    ["/audit", "Audit log", can(actor.ConsoleRole, "audit.read")],
    ["/explain", "Token explainer", can(actor.ConsoleRole, "token.explain")],
    ["/users", "Users", can(actor.ConsoleRole, "users.manage")],
  ];
  return (
    <div className="min-h-screen">
      {/* Two short lines on a phone (brand and account; the menu scrolls sideways), one on a desktop. */}
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 md:gap-x-6">
          <Link href="/apps" className="font-semibold">
            <span className="sm:hidden">Trusted Apps</span>
            <span className="hidden sm:inline">Trusted Apps Console</span>
          </Link>
          <div className="order-last -mx-1 w-full overflow-x-auto md:order-none md:mx-0 md:w-auto">
            <nav aria-label="Main" className="flex gap-4 px-1 text-sm whitespace-nowrap">
              {links.filter(([, , shown]) => shown).map(([href, label]) => (
                <Link key={href} href={href} className="py-1 hover:underline">{label}</Link>
              ))}
            </nav>
          </div>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden sm:inline">
              <span className="font-medium" data-testid="current-user">{actor.DisplayName}</span>{" "}
              <span className="text-slate-600 dark:text-slate-400">({ROLE_LABELS[actor.ConsoleRole]})</span>
            </span>
            <Link href="/account/password" className="hover:underline">Password</Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        <Providers>{children}</Providers>
      </main>
    </div>
  );
}
