import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAllApps } from "@/lib/db/apps";
import { TokenExplainer } from "@/components/explainer/token-explainer";

export const metadata: Metadata = { title: "Token decision explainer" };

export default async function ExplainPage({ searchParams }: { searchParams: Promise<{ app?: string }> }) {
  await requirePermission("token.explain");
  const { app } = await searchParams;
  const apps = (await listAllApps(await getDb())).map((a) => ({
    applicationUri: a.ApplicationUri,
    name: a.Name,
    clientType: a.ClientType,
    scope: a.Scope,
    isEnabled: a.IsEnabled,
  }));
  return (
    <section className="max-w-4xl">
      <h1 className="mb-1 text-xl font-semibold">Token decision explainer</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Would <code className="font-mono">POST /id/connect/token</code> issue a token? Pick an application, a grant type and
        the scopes a client would request: each step the endpoint takes is shown, with the rule that refuses the request.
        The same code decides for the endpoint.
      </p>
      <TokenExplainer apps={apps} initialApp={apps.some((a) => a.applicationUri === app) ? app : undefined} />
    </section>
  );
}
