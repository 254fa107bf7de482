// The simulator's service worker: keeps each visited page working without a network.
//
// - A page, once loaded and idle, asks it to keep that page ("keep-offline"); it then fetches the
//   page and every asset the page may load on demand, as listed in /offline-manifest.json
//   (written at build time by scripts/offline-manifest.mjs), here, off the page's main thread.
// - Content-hashed assets (/_next/static/) are answered from the cache first: they never change.
// - Everything else goes to the network first, and to the cache only when the network fails, so
//   a new version of the site is seen as soon as it is online.
// Registered by components/offline/keep-offline.tsx, in production builds only.

const CACHE = "oauth-sim-offline-v1";
const MANIFEST = "/offline-manifest.json";

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep-offline" || typeof data.path !== "string") return;
  const reply = (message) => event.source?.postMessage(message);
  event.waitUntil(
    keepOffline(data.path).then(
      (count) => reply({ type: "kept-offline", path: data.path, count }),
      (error) => reply({ type: "keep-offline-failed", path: data.path, error: String(error) }),
    ),
  );
});

/** The cache key of a page: its path, without the query (a flow page's step, seed and scenario). */
function pageKey(url) {
  const { origin, pathname } = new URL(url, self.location.origin);
  return origin + pathname;
}

/** Fetches and caches `path` and the assets the manifest lists for it; resolves to how many are kept. */
async function keepOffline(path) {
  const cache = await caches.open(CACHE);
  const response = await fetch(MANIFEST, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${MANIFEST}: ${response.status}`);
  const manifest = await response.json();
  const group = manifest.pages?.[path];
  const assets = group === undefined ? [] : manifest.groups[group] ?? [];
  const urls = [path, "/favicon.svg", ...assets];
  for (const url of urls) {
    const key = url === path ? pageKey(url) : url;
    if (await cache.match(key)) continue;
    // One at a time: this runs while the learner uses the page, so it never floods the network.
    const fresh = await fetch(url);
    if (fresh.ok) await cache.put(key, fresh);
  }
  await forgetOldAssets(cache, manifest);
  return urls.length;
}

/**
 * Content-hashed assets the site no longer serves are left over from an earlier release: dropped,
 * so the cache does not grow with every release. Only assets no page lists are asked about (the
 * mermaid chunks a drawn diagram left in the cache, and old ones), and only a 404 removes one.
 */
async function forgetOldAssets(cache, manifest) {
  const listed = new Set((manifest.groups ?? []).flat());
  for (const request of await cache.keys()) {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith("/_next/static/") || listed.has(pathname)) continue;
    const answer = await fetch(request.url, { method: "HEAD", cache: "no-store" }).catch(() => undefined);
    if (answer?.status === 404) await cache.delete(request);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/")) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = request.mode === "navigate" ? pageKey(request.url) : request;
  try {
    const response = await fetch(request);
    // Keep pages the learner opened fresh in the cache; other requests only when asked to.
    if (request.mode === "navigate" && response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key, { ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    throw error;
  }
}
