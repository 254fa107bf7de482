/**
 * mermaid itself (≈ 190 KB gz, more with its diagram types), behind an import site of its own:
 * the offline manifest (scripts/offline-manifest.mjs) leaves out every chunk group whose chunks
 * carry NETWORK_ONLY, so visitors are not made to download it unless they open the diagram.
 */
export { default } from "mermaid";

/** The marker the offline manifest looks for. Read by mermaid-render.ts, so the bundler keeps it. */
export const NETWORK_ONLY = "oauth-sim:network-only";
