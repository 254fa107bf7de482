import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { THEME_INIT_SCRIPT, THEME_STORAGE_KEY, nextThemeChoice, parseThemeChoice } from "@/components/theme/theme";
import { ThemeToggle } from "@/components/theme/theme-toggle";

afterEach(() => {
  cleanup();
  localStorage.clear();
  document.documentElement.removeAttribute("data-theme");
});

/** Runs the inline <head> script as the page would, before anything else. */
function runInitScript() {
  new Function(THEME_INIT_SCRIPT)();
}

describe("theme choice", () => {
  it("cycles light → dark → system → light", () => {
    expect(nextThemeChoice("light")).toBe("dark");
    expect(nextThemeChoice("dark")).toBe("system");
    expect(nextThemeChoice("system")).toBe("light");
  });

  it("reads anything but light or dark as system", () => {
    expect(parseThemeChoice("dark")).toBe("dark");
    expect(parseThemeChoice("light")).toBe("light");
    for (const value of [null, undefined, "", "DARK", "blue", '"><script>']) expect(parseThemeChoice(value)).toBe("system");
  });
});

describe("the inline theme script", () => {
  it("applies a stored choice to <html data-theme> before the page paints", () => {
    localStorage.setItem(THEME_STORAGE_KEY, "dark");
    runInitScript();
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
  });

  it("leaves the system preference in charge when nothing, or garbage, is stored", () => {
    runInitScript();
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
    localStorage.setItem(THEME_STORAGE_KEY, "x\" onload=\"alert(1)");
    runInitScript();
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
  });

  it("is constant text that reads only its own key", () => {
    expect(THEME_INIT_SCRIPT).toContain(JSON.stringify(THEME_STORAGE_KEY));
    expect(THEME_INIT_SCRIPT).not.toMatch(/innerHTML|document\.write|location|eval/);
  });
});

describe("ThemeToggle", () => {
  it("says the theme in effect and what a press does, and cycles it, storing the choice", () => {
    render(<ThemeToggle />);
    const button = screen.getByRole("button", { name: "Theme: System" });
    expect(button.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe("Switches to Light");

    fireEvent.click(button);
    expect(screen.getByRole("button", { name: "Theme: Light" })).toBe(button);
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");

    fireEvent.click(button);
    expect(button.getAttribute("aria-label")).toBe("Theme: Dark");
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
    expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Switches to System (follows your device)",
    );

    fireEvent.click(button);
    expect(button.getAttribute("aria-label")).toBe("Theme: System");
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it("starts from the stored choice", () => {
    localStorage.setItem(THEME_STORAGE_KEY, "dark");
    runInitScript();
    render(<ThemeToggle />);
    expect(screen.getByRole("button", { name: "Theme: Dark" })).toBeTruthy();
  });
});
