"use client";

import { OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";

/** Shows a freshly generated client secret exactly once, with copy-to-clipboard. */
export function SecretDialog({ secret, applicationUri, note, onClose }: { secret: string | null; applicationUri: string; note?: string; onClose: () => void }) {
  return (
    <OneTimeSecretDialog
      value={secret}
      title="Copy the new client secret now"
      label="New client secret"
      notice={
        <>
          This is the only time the secret of <code>{applicationUri}</code> is shown. Only its SHA-256 hash is stored: if you lose it, rotate again.
        </>
      }
      onClose={onClose}
    >
      {note && <p>{note}</p>}
    </OneTimeSecretDialog>
  );
}
