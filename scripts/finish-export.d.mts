import type { OfflineManifest } from "./offline-manifest.mjs";

export function finishExport(outDir: string): OfflineManifest;
