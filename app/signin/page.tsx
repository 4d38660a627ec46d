import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getActor()) redirect("/apps");
  const { callbackUrl } = await searchParams;
  // Only same-origin paths: never an open redirect.
  const target = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/apps";
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-1 text-2xl font-semibold">Trusted Apps Console</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Sign in with your console account.</p>
      <SignInForm callbackUrl={target} />
    </main>
  );
}
