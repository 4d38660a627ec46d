import type { Metadata } from "next";
import Link from "next/link";
import { AppForm } from "@/components/apps/app-form";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { policyOptions } from "@/lib/env";
import { EMPTY_TRUSTED_APPLICATION, TEMPLATES } from "@/lib/schemas/trusted-application";

export const metadata: Metadata = { title: "New application" };

export default async function NewAppPage({ searchParams }: { searchParams: Promise<{ template?: string | string[] }> }) {
  await requirePermission("apps.write");
  const { template: templateId } = await searchParams;
  const template = TEMPLATES.find((t) => t.id === (Array.isArray(templateId) ? templateId[0] : templateId));
  if (!template) {
    return (
      <section>
        <h1 className="mb-1 text-xl font-semibold">Register a Trusted Application</h1>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Start from one of the common configurations; every field stays editable.</p>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {TEMPLATES.map((t) => (
            <li key={t.id}>
              <Link href={`/apps/new?template=${t.id}`} className="block h-full rounded-md border border-slate-200 bg-white p-4 hover:border-sky-600 dark:border-slate-800 dark:bg-slate-900">
                <span className="font-semibold">{t.title}</span>
                <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{t.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const values = { ...EMPTY_TRUSTED_APPLICATION, ...template.values };
  const user = values.SystemUserLogin
    ? await (await getDb()).user.findUnique({ where: { Login: values.SystemUserLogin }, select: { Login: true, DisplayName: true, IsActive: true, IsAdministrator: true } })
    : null;
  const { secretRotationDays, allowLoopbackHttp } = policyOptions();
  return (
    <section>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href="/apps/new" className="hover:underline">New application</Link> /</nav>
      <h1 className="mb-4 text-xl font-semibold">New application: {template.title}</h1>
      <AppForm
        mode="create"
        defaultValues={{ ...values, SystemUserLogin: user ? values.SystemUserLogin : null }}
        systemUser={user}
        secret={{ has: false, createdUtc: null }}
        policy={{ secretRotationDays, allowLoopbackHttp }}
        placeholders={template.placeholders}
      />
    </section>
  );
}
