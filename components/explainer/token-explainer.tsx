"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { explainTokenAction } from "@/lib/actions/explain-token";
import type { TokenExplanation } from "@/lib/oauth/explain";
import { EXPLAINABLE_GRANT_TYPES } from "@/lib/oauth/grant-types";
import { AppPicker, type ExplainerApp } from "./app-picker";
import { StepList } from "./step-list";

export type { ExplainerApp };

type ClientAuth = "client_secret_basic" | "client_secret_post" | "none";

const AUTH_LABELS: Record<ClientAuth, string> = {
  client_secret_basic: "client_secret_basic (Authorization: Basic)",
  client_secret_post: "client_secret_post (secret in the body)",
  none: "none (client_id only)",
};

const defaultAuth = (app: ExplainerApp | null): ClientAuth => (app?.clientType === "Public" ? "none" : "client_secret_basic");

export function TokenExplainer({ initialApp }: { initialApp: ExplainerApp | null }) {
  const [app, setApp] = useState<ExplainerApp | null>(initialApp);
  const appUri = app?.applicationUri ?? "";
  const [grantType, setGrantType] = useState<(typeof EXPLAINABLE_GRANT_TYPES)[number]>("client_credentials");
  const [scope, setScope] = useState("");
  const [userLogin, setUserLogin] = useState("");
  const [redirectUri, setRedirectUri] = useState("");
  const forUser = grantType === "authorization_code" || grantType === "refresh_token";
  const [clientAuth, setClientAuth] = useState<ClientAuth>(defaultAuth(app));
  const [result, setResult] = useState<(TokenExplanation & { applicationUri: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const res = await explainTokenAction({
        applicationUri: appUri,
        grantType,
        scope: scope === "" ? null : scope,
        clientAuth,
        ...(forUser ? { userLogin } : {}),
        ...(grantType === "authorization_code" ? { redirectUri } : {}),
      });
      if (res.ok) setResult(res.data);
      else {
        setResult(null);
        setError(res.message);
      }
    });
  }

  const refused = result?.steps.find((s) => s.status === "fail");
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
        <div className="sm:col-span-2">
          <label htmlFor="explain-app" className="block text-sm font-medium">Application</label>
          <AppPicker
            value={app}
            onChange={(picked) => {
              setApp(picked);
              setClientAuth(defaultAuth(picked));
              setResult(null);
            }}
          />
          {app && (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {app.clientType} client; configured scopes: <code className="font-mono">{app.scope || "none"}</code>
            </p>
          )}
        </div>
        <div>
          <label htmlFor="explain-grant" className="block text-sm font-medium">Grant type</label>
          <select id="explain-grant" className="input mt-1" value={grantType} onChange={(e) => setGrantType(e.target.value as typeof grantType)}>
            {EXPLAINABLE_GRANT_TYPES.map((g) => (
              <option key={g} value={g}>{g}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="explain-auth" className="block text-sm font-medium">Client authentication</label>
          <select id="explain-auth" className="input mt-1" value={clientAuth} onChange={(e) => setClientAuth(e.target.value as ClientAuth)}>
            {(Object.keys(AUTH_LABELS) as ClientAuth[]).map((m) => (
              <option key={m} value={m}>{AUTH_LABELS[m]}</option>
            ))}
          </select>
        </div>
        {forUser && (
          <div>
            <label htmlFor="explain-user" className="block text-sm font-medium">User (login)</label>
            <input id="explain-user" className="input mt-1" value={userLogin} onChange={(e) => setUserLogin(e.target.value)} placeholder="e.g. jdoe" autoComplete="off" />
          </div>
        )}
        {grantType === "authorization_code" && (
          <div>
            <label htmlFor="explain-redirect" className="block text-sm font-medium">Redirect URI</label>
            <input id="explain-redirect" className="input mt-1 font-mono" value={redirectUri} onChange={(e) => setRedirectUri(e.target.value)} placeholder="empty: the first registered one" />
          </div>
        )}
        <div className="sm:col-span-2">
          <label htmlFor="explain-scope" className="block text-sm font-medium">Requested scope</label>
          <input
            id="explain-scope"
            className="input mt-1 font-mono"
            value={scope}
            onChange={(e) => setScope(e.target.value)}
            placeholder="empty: no scope parameter (all configured scopes)"
            aria-describedby="explain-scope-help"
          />
          <p id="explain-scope-help" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Space-separated, exactly as the client sends it, e.g. <code className="font-mono">read update</code>.
          </p>
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" pending={pending} disabled={!appUri}>Explain</Button>
        </div>
      </form>

      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}

      {result && (
        <div className="space-y-4" aria-live="polite">
          <p
            data-testid="explain-verdict"
            className={`rounded-md px-3 py-2 font-medium ${result.issued ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"}`}
          >
            {result.issued
              ? `A token would be issued to ${result.applicationUri}.`
              : refused?.error
                ? `Refused: ${refused.error}${refused.ruleId ? ` (${refused.ruleId})` : ""} at step “${refused.title}”.`
                : `Stopped at step “${refused?.title ?? ""}”: ${refused?.note ?? ""}`}
          </p>
          <StepList steps={result.steps} />
          {result.findings.length > 0 && (
            <div>
              <h2 className="mb-2 text-sm font-semibold">Policy findings for this flow</h2>
              <ul className="space-y-1 text-sm">
                {result.findings.map((f, i) => (
                  <li key={`${f.ruleId}-${i}`}>
                    <span className="font-mono">{f.ruleId}</span> <span className="uppercase text-xs">{f.severity}</span> — {f.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
