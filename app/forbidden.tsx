import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="mb-2 text-2xl font-semibold">Not allowed</h1>
      <p className="mb-4 text-slate-700 dark:text-slate-300">Your console role does not allow this page. Security reviewers have read-only access.</p>
      <Link href="/apps" className="text-sky-800 underline dark:text-sky-300">Back to the applications</Link>
    </main>
  );
}
