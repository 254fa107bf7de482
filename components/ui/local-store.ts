/**
 * localStorage that never throws: a browser that blocks storage (privacy mode, a full quota, a
 * sandboxed frame) reads as empty and ignores writes. What is read is raw text: validate it.
 */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | undefined): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage is unavailable: the score lives only as long as the page.
  }
}
