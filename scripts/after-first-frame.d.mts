export const AFTER_FIRST_FRAME_MARKER: string;
export function afterFirstFrameLoader(urls: string[]): string;
export function loadScriptsAfterFirstFrame(html: string): string;
export function loadScriptsAfterFirstFrameIn(outDir: string): number;
