import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { SignOutButton } from "@/components/sign-out-button";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/apps" className="font-semibold">Trusted Apps Console</Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <Link href="/apps" className="hover:underline">Applications</Link>
            {can(actor.ConsoleRole, "review.read") && <Link href="/review" className="hover:underline">Security review</Link>}
            {can(actor.ConsoleRole, "audit.read") && <Link href="/audit" className="hover:underline">Audit log</Link>}
            {can(actor.ConsoleRole, "token.explain") && <Link href="/explain" className="hover:underline">Token explainer</Link>}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span>
              <span className="font-medium" data-testid="current-user">{actor.DisplayName}</span>{" "}
              <span className="text-slate-600 dark:text-slate-400">({ROLE_LABELS[actor.ConsoleRole]})</span>
            </span>
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
