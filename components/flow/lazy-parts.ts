/**
 * Parts of the flow page it loads on demand, named once so every site that needs them shares the
 * loader (the bundler gives each import site its own chunks). What the page may load later is kept
 * for offline use by the service worker (public/sw.js, scripts/offline-manifest.mjs).
 */

/** The address's edits: parsed and written only when there are some. */
export const loadEditUrl = () => import("@/machines/edit-url");

/** The bar that lists the learner's edits, with "Undo edits". */
export const loadTamperBar = () => import("./tamper-bar");
