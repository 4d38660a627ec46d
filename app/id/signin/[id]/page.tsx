// The identity server's sign-in page (GET /id/signin/<interaction>): its form posts to
// POST /id/interaction/<interaction>/signin (lib/oauth/endpoints/interaction.ts).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Alert, AppHeading, Expired, IdFrame } from "@/components/id/id-frame";
import { getOAuthServer } from "@/lib/oauth/server";
import { signInView } from "@/lib/oauth/sessions/views";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

const TYPES = { Internal: "internal users", Community: "community users" } as const;

function message(error: string | undefined, retry: string | undefined, accepts: string): string | null {
  switch (error) {
    case "invalid":
      return "Wrong user name or password.";
    case "user_type":
      return `This application accepts only ${accepts}. Sign in with such an account.`;
    case "throttled":
      return `Too many failed attempts. Try again in ${Number(retry) || 1} seconds.`;
    case "busy":
      return "The server is busy. Try again in a moment.";
    default:
      return null;
  }
}

export default async function IdSignInPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ e?: string; retry?: string }> }) {
  const [{ id }, { e, retry }, h] = await Promise.all([params, searchParams, headers()]);
  const view = await signInView(await getOAuthServer(), id, h.get("cookie"), h.get("accept-language"));
  if (view.kind === "expired") return <Expired />;
  const accepts = view.acceptedTypes.map((t) => TYPES[t]).join(" and ");
  const error = message(e, retry, accepts);
  return (
    <IdFrame title="Sign in">
      <AppHeading name={view.appName} lang={view.appNameLang} applicationUri={view.applicationUri} />
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300" data-testid="accepted-user-types">This application accepts {accepts}.</p>
      {error && <Alert>{error}</Alert>}
      <form method="post" action={view.actions.signin} className="space-y-4">
        <input type="hidden" name="csrf" value={view.csrf} />
        <div>
          <label htmlFor="username" className="block text-sm font-medium">User name</label>
          <input id="username" name="username" autoComplete="username" required defaultValue={view.lastLogin ?? ""} autoFocus={!view.lastLogin} maxLength={200} className="input mt-1" />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required autoFocus={!!view.lastLogin} maxLength={1024} className="input mt-1" />
        </div>
        <button type="submit" className="inline-flex w-full items-center justify-center rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">Sign in</button>
      </form>
      <form method="post" action={view.actions.abort} className="mt-3">
        <input type="hidden" name="csrf" value={view.csrf} />
        <button type="submit" className="w-full rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">Back to the application</button>
      </form>
    </IdFrame>
  );
}
