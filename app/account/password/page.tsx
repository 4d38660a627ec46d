import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutButton } from "@/components/sign-out-button";
import { getActor } from "@/lib/auth/session";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/user";

export const metadata: Metadata = { title: "Change password" };

// Outside the console layout: a user on a provisional password reaches only this page.
export default async function ChangePasswordPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin?callbackUrl=/account/password");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-2">
          {actor.MustChangePassword ? <span className="font-semibold">Trusted Apps Console</span> : <Link href="/apps" className="font-semibold">Trusted Apps Console</Link>}
          <span className="ml-auto text-sm" data-testid="current-user">{actor.DisplayName}</span>
          <SignOutButton />
        </div>
      </header>
      <main className="mx-auto max-w-md px-4 py-8">
        <h1 className="mb-2 text-xl font-semibold">Change your password</h1>
        {actor.MustChangePassword ? (
          <p role="status" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="must-change-password">
            Your password was set for you (by the first start or by an administrator). Choose your own before you continue.
          </p>
        ) : (
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Your other sessions are signed out when the password changes.</p>
        )}
        <ChangePasswordForm forced={actor.MustChangePassword} minLength={MIN_PASSWORD_LENGTH} />
      </main>
    </div>
  );
}
