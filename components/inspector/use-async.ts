"use client";

import { useEffect, useState } from "react";

export type AsyncResult<T> = { readonly status: "pending" } | { readonly status: "done"; readonly value: T } | { readonly status: "error"; readonly message: string };

/**
 * The result of an async computation keyed by `key`: pending until it settles, and pending again
 * (never a stale value) as soon as the key changes. `run` must depend only on what `key` names.
 */
export function useAsync<T>(key: string, run: () => Promise<T>): AsyncResult<T> {
  const [settled, setSettled] = useState<{ key: string; result: AsyncResult<T> }>();
  useEffect(() => {
    let live = true;
    run().then(
      (value) => live && setSettled({ key, result: { status: "done", value } }),
      (error: unknown) => live && setSettled({ key, result: { status: "error", message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      live = false;
    };
    // `run` is a fresh closure each render; `key` names everything it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return settled?.key === key ? settled.result : { status: "pending" };
}
