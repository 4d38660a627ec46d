"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";

/** After a mutation: drop cached app lists (react-query) and re-render the server components. */
export function useRefreshAfterMutation() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    (navigateTo?: string) => {
      void queryClient.invalidateQueries({ queryKey: ["apps"] });
      if (navigateTo) router.push(navigateTo);
      router.refresh();
    },
    [queryClient, router],
  );
}
