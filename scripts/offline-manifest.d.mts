export const MANIFEST_FILE: string;
export const NETWORK_ONLY_MARKER: string;

export interface OfflineManifest {
  /** Lists of `/_next/static/…` URLs; pages with the same assets share one. */
  groups: string[][];
  /** Page path (no trailing slash, no query) → index into `groups`. */
  pages: Record<string, number>;
}

export function chunkGroupsIn(source: string): string[][];
export function assetsForPage(initial: string[], readAsset: (url: string) => string | undefined): string[];
export function htmlFiles(directory: string): string[];
export function pagePath(relativeHtmlFile: string): string;
export function offlineManifest(outDir: string): OfflineManifest;
export function writeOfflineManifest(outDir: string): OfflineManifest;
