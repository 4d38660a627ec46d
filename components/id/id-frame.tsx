import type { ReactNode } from "react";

/** The identity server's pages: one centred card, no console navigation. */
export function IdFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-8">
      <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Identity server</p>
      <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}

/** Which application is asking: its Name (in the browser's language when translated) and ApplicationUri. */
export function AppHeading({ name, lang, applicationUri }: { name: string; lang: string | null; applicationUri: string }) {
  return (
    <div className="mb-5 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <p className="font-medium" lang={lang ?? undefined} data-testid="app-name">{name}</p>
      <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400" data-testid="app-uri">{applicationUri}</p>
    </div>
  );
}

export function Alert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" data-testid="id-error" className="mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      {children}
    </p>
  );
}

export function Expired() {
  return (
    <IdFrame title="This sign-in request has expired">
      <p className="text-sm">It was started too long ago, already completed, or in another browser. Go back to the application and sign in again.</p>
    </IdFrame>
  );
}
