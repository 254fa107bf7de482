"use client";

import { useSyncExternalStore } from "react";
import { presentText } from "@/content/present";
import { QrCode } from "./qr-code";

const noSubscription = () => () => undefined;

/**
 * The QR code and the short link, large, over the stage: students open the same flow, step and
 * seed on their own devices. `path` is the short link's path and query (/s?f=…).
 */
export function QrPanel({ path, onClose }: { path: string; onClose?: () => void }) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const host = origin.replace(/^https?:\/\//, "");
  const url = `${origin}${path}`;
  return (
    <section
      aria-labelledby="present-qr-heading"
      className="fixed inset-x-0 top-1/2 z-40 mx-auto flex w-[min(94vw,60rem)] -translate-y-1/2 flex-col items-center gap-4 rounded-2xl border border-line bg-surface-raised p-5 shadow-2xl sm:flex-row sm:gap-8 sm:p-8"
      data-qr-panel
    >
      <QrCode text={url} className="aspect-square w-[min(70vw,22rem)] shrink-0 sm:w-[min(40vw,55vh)]" />
      <div className="flex min-w-0 flex-col gap-3">
        <h2 id="present-qr-heading" className="text-2xl font-bold text-foreground lg:text-3xl">
          {presentText.qrHeading}
        </h2>
        <p className="font-mono text-2xl font-semibold break-all text-accent lg:text-4xl" data-short-link={url}>
          {host}
          {path}
        </p>
        {onClose ? (
          <button
            type="button"
            onClick={onClose}
            aria-keyshortcuts="Q"
            className="self-start rounded-lg border border-line bg-surface px-3 py-2 text-sm font-medium text-foreground hover:border-accent hover:text-accent"
          >
            {presentText.hideQr}
          </button>
        ) : null}
      </div>
    </section>
  );
}
