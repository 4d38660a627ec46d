import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isUuid } from "@/lib/schemas/query";
import { AppForm } from "@/components/apps/app-form";
import { requirePermission } from "@/lib/auth/session";
import { getApp } from "@/lib/db/apps";
import { rowToInput } from "@/lib/db/app-mutations";
import { getDb } from "@/lib/db/client";
import { policyOptions } from "@/lib/env";

export const metadata: Metadata = { title: "Edit application" };

export default async function EditAppPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("apps.write");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const app = await getApp(await getDb(), id);
  if (!app) notFound();
  const { secretRotationDays, allowLoopbackHttp } = policyOptions();
  return (
    <section>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/apps" className="hover:underline">Applications</Link> / <Link href={`/apps/${id}`} className="hover:underline">{app.ApplicationUri}</Link> /
      </nav>
      <h1 className="mb-4 text-xl font-semibold">Edit <span className="font-mono">{app.ApplicationUri}</span></h1>
      <AppForm
        mode="edit"
        id={app.Id}
        version={app.Version}
        defaultValues={rowToInput(app)}
        systemUser={app.SystemUser ? { Login: app.SystemUser.Login, DisplayName: app.SystemUser.DisplayName, IsActive: app.SystemUser.IsActive, IsAdministrator: app.SystemUser.IsAdministrator } : null}
        secret={{ has: app.HasApplicationSecret, createdUtc: app.ApplicationSecretCreatedUtc?.toISOString() ?? null }}
        policy={{ secretRotationDays, allowLoopbackHttp }}
      />
    </section>
  );
}
