// The identity server's consent page (GET /id/consent/<interaction>): Allow records the grant
// in the app's Authorizations; Deny answers access_denied (POST /id/interaction/<id>/consent).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { AppHeading, Expired, IdFrame } from "@/components/id/id-frame";
import { getOAuthServer } from "@/lib/oauth/server";
import { consentView } from "@/lib/oauth/sessions/views";

export const metadata: Metadata = { title: "Allow access", robots: { index: false } };

export default async function IdConsentPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, h] = await Promise.all([params, headers()]);
  const view = await consentView(await getOAuthServer(), id, h.get("cookie"), h.get("accept-language"));
  if (view.kind === "expired") return <Expired />;
  if (view.kind === "signin") {
    return (
      <IdFrame title="Sign in again">
        <p className="text-sm">Your sign-in has ended. <a className="text-sky-700 underline dark:text-sky-400" href={view.href}>Sign in</a> to continue.</p>
      </IdFrame>
    );
  }
  return (
    <IdFrame title="Allow access?">
      <AppHeading name={view.appName} lang={view.appNameLang} applicationUri={view.applicationUri} />
      <p className="mb-3 text-sm">
        Signed in as <strong data-testid="consent-user">{view.user.displayName}</strong> ({view.user.login}). The application asks to:
      </p>
      <ul className="mb-5 space-y-2" aria-label="Requested scopes">
        {view.scopes.map((s) => (
          <li key={s.name} className="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800" data-testid="consent-scope">
            <code className="font-mono text-xs">{s.name}</code>
            <span className="block text-slate-700 dark:text-slate-300">{s.description}</span>
          </li>
        ))}
      </ul>
      <form method="post" action={view.actions.consent} className="flex gap-3">
        <input type="hidden" name="csrf" value={view.csrf} />
        <button type="submit" name="decision" value="allow" className="flex-1 rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">Allow</button>
        <button type="submit" name="decision" value="deny" className="flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800">Deny</button>
      </form>
    </IdFrame>
  );
}
