"use client";

// A failure while rendering a console page: a clear message, never internals (the server log
// has the details under the digest).
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-12">
      <h1 className="mb-2 text-xl font-semibold">Something went wrong</h1>
      <p className="mb-4 text-slate-700 dark:text-slate-300">
        The page could not be loaded. Nothing was changed. {error.digest ? `Reference: ${error.digest}.` : ""}
      </p>
      <button type="button" onClick={reset} className="rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">Try again</button>
    </div>
  );
}
