/**
 * What a console page shows while the database cannot be reached (stopped, restarting, cut
 * off): a clear message, no error trace. Nothing was changed; reloading works again once the
 * database is back (docs/deployment.md).
 */
export function DatabaseUnavailable() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <div role="alert">
        <h1 className="mb-2 text-2xl font-semibold">Database unavailable</h1>
        <p className="mb-4 text-slate-700 dark:text-slate-300">
          The console cannot reach its database right now. Nothing was changed. This page works again as soon as the database is back: reload it in a moment.
        </p>
        {/* A plain link: a full reload, so the whole page (and its session) is read again. */}
        <a href="" className="text-sky-800 underline dark:text-sky-300">Reload</a>
      </div>
    </main>
  );
}
