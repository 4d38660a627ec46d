"use client";

import { useState, useTransition } from "react";
import { revokeAuthorizationAction } from "@/lib/actions/revoke-authorization";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useRefreshAfterMutation } from "./use-refresh-after-mutation";

/** Revokes one user's Authorization for the app, with confirmation. */
export function RevokeAuthorizationButton({ appId, applicationUri, authorizationId, login }: { appId: string; applicationUri: string; authorizationId: string; login: string }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const toast = useToast();
  const refresh = useRefreshAfterMutation();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Revoke ${login}`}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke the authorization of ${login}?`}
        confirmLabel="Revoke authorization"
        tone="danger"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const r = await revokeAuthorizationAction({ appId, authorizationId });
            if (r.ok) {
              const grants = r.data.revokedGrants;
              toast("success", `Authorization of ${r.data.login} revoked${grants ? `; ${grants} grant${grants === 1 ? "" : "s"} ended` : ""}.`);
              setOpen(false);
              refresh();
              return;
            }
            toast("error", r.message);
            // Already gone (revoked elsewhere): show the current list rather than a stale row.
            if (r.code === "NOT_FOUND") {
              setOpen(false);
              refresh();
            }
          })
        }
      >
        <p>
          The refresh tokens of <code>{login}</code> for <code className="break-all">{applicationUri}</code> stop working at once. Their
          access tokens are refused by introspection and UserInfo from now on.
        </p>
        <p>The next time they sign in to the app, they will be asked to consent again.</p>
      </ConfirmDialog>
    </>
  );
}
