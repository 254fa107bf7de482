/**
 * Run `task` once the page has finished loading and the browser has a quiet moment: for work that
 * must not compete with the page's first load (registering the service worker that keeps the page
 * for offline use). Returns a function that cancels it.
 */
export function whenIdleAfterLoad(task: () => void, { timeout = 4000 } = {}): () => void {
  let cancelled = false;
  let idleHandle: number | undefined;
  let timer: number | undefined;

  function schedule() {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === "function") idleHandle = window.requestIdleCallback(() => cancelled || task(), { timeout });
    else timer = window.setTimeout(() => cancelled || task(), 1000);
  }

  if (document.readyState === "complete") schedule();
  else window.addEventListener("load", schedule, { once: true });

  return () => {
    cancelled = true;
    window.removeEventListener("load", schedule);
    if (idleHandle !== undefined) window.cancelIdleCallback(idleHandle);
    if (timer !== undefined) window.clearTimeout(timer);
  };
}
