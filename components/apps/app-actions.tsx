"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { deleteAppAction } from "@/lib/actions/delete-app";
import { rotateSecretAction } from "@/lib/actions/rotate-secret";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { SecretDialog } from "./secret-dialog";
import { ToggleEnabledButton } from "./toggle-enabled-button";
import { useRefreshAfterMutation } from "./use-refresh-after-mutation";

const GRACE_OPTIONS = [
  ["none", "None: the old secret stops working now"],
  ["1h", "1 hour"],
  ["24h", "24 hours"],
  ["7d", "7 days"],
] as const;

export function AppActions({
  id,
  applicationUri,
  enabled,
  confidential,
  can,
}: {
  id: string;
  applicationUri: string;
  enabled: boolean;
  confidential: boolean;
  can: { write: boolean; toggle: boolean; rotate: boolean; delete: boolean };
}) {
  const refresh = useRefreshAfterMutation();
  const toast = useToast();
  const [dialog, setDialog] = useState<"rotate" | "delete" | null>(null);
  const [grace, setGrace] = useState<(typeof GRACE_OPTIONS)[number][0]>("24h");
  const [typed, setTyped] = useState("");
  const [secret, setSecret] = useState<{ value: string; note: string } | null>(null);
  const [pending, start] = useTransition();

  if (!can.write && !can.toggle && !can.rotate && !can.delete) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {can.write && (
        <Link href={`/apps/${id}/edit`} className="rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">Edit</Link>
      )}
      {can.toggle && <ToggleEnabledButton id={id} applicationUri={applicationUri} enabled={enabled} />}
      {can.rotate && confidential && <Button variant="secondary" onClick={() => setDialog("rotate")}>Rotate secret</Button>}
      {can.delete && <Button variant="danger" onClick={() => { setTyped(""); setDialog("delete"); }}>Delete</Button>}

      <ConfirmDialog
        open={dialog === "rotate"}
        title={`Rotate the secret of ${applicationUri}?`}
        confirmLabel="Generate new secret"
        pending={pending}
        onCancel={() => setDialog(null)}
        onConfirm={() =>
          start(async () => {
            const r = await rotateSecretAction({ id, grace });
            if (!r.ok) {
              toast("error", r.message);
              return;
            }
            setDialog(null);
            setSecret({
              value: r.data.secret,
              note: r.data.previousSecretExpiresUtc
                ? `The previous secret keeps working until ${new Date(r.data.previousSecretExpiresUtc).toLocaleString()} (${r.data.previousSecretExpiresUtc.replace("T", " ").replace(/\.\d+Z$/, "")} UTC).`
                : "The previous secret no longer works.",
            });
            toast("success", "Secret rotated.");
          })
        }
      >
        <p>A new 256-bit secret is generated on the server. Keep the old one working while you deploy the new one:</p>
        <fieldset>
          <legend className="mb-1 font-medium">Grace period for the previous secret</legend>
          {GRACE_OPTIONS.map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 py-0.5">
              <input type="radio" name="grace" value={value} checked={grace === value} onChange={() => setGrace(value)} />
              {label}
            </label>
          ))}
        </fieldset>
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === "delete"}
        title={`Delete ${applicationUri}?`}
        confirmLabel="Delete permanently"
        tone="danger"
        pending={pending}
        confirmDisabled={typed !== applicationUri}
        onCancel={() => setDialog(null)}
        onConfirm={() =>
          start(async () => {
            const r = await deleteAppAction({ id, confirmApplicationUri: typed });
            if (!r.ok) {
              toast("error", r.message);
              return;
            }
            toast("success", `${r.data.applicationUri} deleted.`);
            refresh("/apps");
          })
        }
      >
        <p>The app loses access at once and its registration is removed. The audit log keeps its history.</p>
        <label htmlFor="confirm-uri" className="block font-medium">Type <code>{applicationUri}</code> to confirm</label>
        <input id="confirm-uri" className="input font-mono" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </ConfirmDialog>

      <SecretDialog
        secret={secret?.value ?? null}
        note={secret?.note}
        applicationUri={applicationUri}
        onClose={() => {
          setSecret(null);
          refresh();
        }}
      />
    </div>
  );
}
