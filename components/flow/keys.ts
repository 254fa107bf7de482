/**
 * Keys a focused control keeps for itself, so a page's step keys (arrows, Space, Home, End,
 * PageUp/PageDown) do not act while someone types, picks from a list, moves between tabs, or
 * presses a focused button with Space or Enter. One rule for the flow page, the comparison,
 * the presenter and the embed view.
 */
export function keepsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("input, textarea, select, [role='tab'], [role='slider'], [role='listbox'], [role='menu'], iframe")) return true;
  // Space and Enter press a focused button, link or summary; they do not toggle playback.
  if ((key === " " || key === "Enter") && target.closest("button, a[href], summary, [role='button']")) return true;
  return false;
}
