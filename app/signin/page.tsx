import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  // Only a page of this console's own origin: never an open redirect.
  const target = safeRedirectPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, new URL(env().NEXTAUTH_URL).origin);
  if (await getActor()) redirect(target);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-1 text-2xl font-semibold">Trusted Apps Console</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Sign in with your console account.</p>
      <SignInForm callbackUrl={target} />
    </main>
  );
}
