import Link from "next/link";

const MESSAGES = {
  notFound: { title: "Not found", text: "There is nothing here. The application may have been deleted." },
  forbidden: { title: "Not allowed", text: "Your console role does not allow this page. Security reviewers have read-only access." },
} as const;

/**
 * The 404 and 403 texts. Inside the console they render within its layout's <main>
 * (app/(console)/not-found.tsx, forbidden.tsx); outside it, the root files wrap them in one.
 */
export function StatusMessage({ kind }: { kind: keyof typeof MESSAGES }) {
  const m = MESSAGES[kind];
  return (
    <div className="mx-auto max-w-lg px-4 py-16">
      <h1 className="mb-2 text-2xl font-semibold">{m.title}</h1>
      <p className="mb-4 text-slate-700 dark:text-slate-300">{m.text}</p>
      <Link href="/apps" className="text-sky-800 underline dark:text-sky-300">Back to the applications</Link>
    </div>
  );
}
