"use client";

import { useEffect } from "react";
import { whenIdleAfterLoad } from "@/components/ui/when-idle";

/** The service worker (public/sw.js), and the address it is served from. */
export const SERVICE_WORKER_URL = "/sw.js";

/**
 * Once the page has loaded and the browser is idle, registers the service worker and asks it to
 * keep this page, with everything the page may load on demand, for use without a network. The
 * fetching happens in the worker, so it costs the page's main thread nothing. Production builds
 * only: in development, chunks change on every edit. Where service workers are unavailable
 * (an insecure origin, some embedding pages), the page simply stays online-only.
 */
export function KeepOffline() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    return whenIdleAfterLoad(() => void keepThisPageOffline().catch(() => undefined));
  }, []);
  return null;
}

async function keepThisPageOffline(): Promise<void> {
  await navigator.serviceWorker.register(SERVICE_WORKER_URL);
  const registration = await navigator.serviceWorker.ready;
  // The manifest names pages without a trailing slash (scripts/offline-manifest.mjs).
  const path = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, "") : "/";
  registration.active?.postMessage({ type: "keep-offline", path });
}
