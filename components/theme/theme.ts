/**
 * The colour theme: "system" follows prefers-color-scheme; "light" and "dark" are a choice the
 * person made with the header's toggle, kept in localStorage and written to <html data-theme>.
 * With no data-theme attribute the CSS media query decides (app/globals.css).
 */

export type ThemeChoice = "light" | "dark" | "system";
export type ResolvedTheme = "light" | "dark";

/** The localStorage key that holds an explicit choice ("light" or "dark"); absent means system. */
export const THEME_STORAGE_KEY = "oauth-sim-theme";

/** The order the toggle cycles through. */
export const THEME_CYCLE: readonly ThemeChoice[] = ["light", "dark", "system"];

export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return THEME_CYCLE[(THEME_CYCLE.indexOf(choice) + 1) % THEME_CYCLE.length]!;
}

/** A stored value as a choice: anything but "light" or "dark" (garbage, null) is "system". */
export function parseThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * The script app/layout.tsx runs in <head> before the first paint, so a stored choice never
 * flashes the other theme. It reads only its own localStorage key and writes only data-theme.
 */
export const THEME_INIT_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}})();`;

/** The stored choice; "system" when storage is empty, unreadable or disabled. */
export function readThemeChoice(): ThemeChoice {
  try {
    return parseThemeChoice(window.localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

const listeners = new Set<() => void>();

/** Stores a choice and applies it to <html> at once; tells every subscriber. */
export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", choice);
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage disabled: the choice holds for this page only.
  }
  for (const listener of listeners) listener();
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** The theme in effect now: the explicit choice on <html>, else the system preference. */
export function resolvedTheme(): ResolvedTheme {
  const attribute = document.documentElement.getAttribute("data-theme");
  if (attribute === "light" || attribute === "dark") return attribute;
  return typeof window.matchMedia === "function" && window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

/**
 * Calls back when the choice or the theme in effect may have changed: the toggle, another tab
 * (storage event), or the system preference. Returns the unsubscribe function
 * (the shape useSyncExternalStore wants).
 */
export function subscribeTheme(callback: () => void): () => void {
  listeners.add(callback);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    const choice = readThemeChoice();
    const root = document.documentElement;
    if (choice === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", choice);
    callback();
  };
  window.addEventListener("storage", onStorage);
  const media = typeof window.matchMedia === "function" ? window.matchMedia(DARK_QUERY) : undefined;
  media?.addEventListener("change", callback);
  return () => {
    listeners.delete(callback);
    window.removeEventListener("storage", onStorage);
    media?.removeEventListener("change", callback);
  };
}
