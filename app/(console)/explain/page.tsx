import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getFleet } from "@/lib/db/fleet";
import { TokenExplainer, type ExplainerApp } from "@/components/explainer/token-explainer";

export const metadata: Metadata = { title: "Token decision explainer" };

export default async function ExplainPage({ searchParams }: { searchParams: Promise<{ app?: string | string[] }> }) {
  await requirePermission("token.explain");
  const { app: requested } = await searchParams;
  const app = Array.isArray(requested) ? requested[0] : requested;
  // The app named by ?app=, else the first one; others are searched for in the picker.
  const { entries } = await getFleet(await getDb());
  const named = app ? entries.find((e) => e.row.ApplicationUri === app) : undefined;
  const unknown = app !== undefined && app !== "" && !named;
  const row = unknown ? undefined : (named ?? entries[0])?.row;
  const initialApp: ExplainerApp | null = row
    ? { applicationUri: row.ApplicationUri, name: row.Name, clientType: row.ClientType, scope: row.Scope, isEnabled: row.IsEnabled }
    : null;
  return (
    <section className="max-w-4xl">
      <h1 className="mb-1 text-xl font-semibold">Token decision explainer</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Would the identity endpoint issue a token? Pick an application, a grant type, the scopes a client would request
        and, for a user&apos;s sign-in, the user and the redirect URI: each step the authorization and token endpoints take is
        shown, with the rule that refuses the request. The same code decides for the endpoints.
      </p>
      {unknown && (
        <p role="alert" data-testid="unknown-app" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          Unknown app: no application is registered as <code className="break-all">{app.slice(0, 200)}</code>. Pick one below.
        </p>
      )}
      <TokenExplainer initialApp={initialApp} />
    </section>
  );
}
