/**
 * The sequence diagram panel in jsdom, with the real mermaid. jsdom has no SVG layout (no
 * getBBox), so mermaid cannot finish drawing here: these tests cover the loading state, the
 * failure path (mermaid's own error, the source still shown), the source view and copying.
 * Drawing, the step mark and the SVG/PNG downloads are covered in Chromium (test/browser/diagram.test.ts).
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SequenceDiagramPanel } from "@/components/diagram/sequence-diagram-panel";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
import { toMermaid } from "@/machines/trace-format";

let trace: Trace;

beforeAll(async () => {
  const flow = FLOWS["authorization-code-pkce"];
  trace = await runFlow(flow, flow.scenarios[0]!, "demo");
});

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, "clipboard");
});

function panel(): HTMLElement {
  const section = document.querySelector<HTMLElement>("[data-diagram-status]");
  if (!section) throw new Error("no diagram panel");
  return section;
}

/** Waits until mermaid has answered: in jsdom, with an error. */
async function settled(): Promise<void> {
  await waitFor(() => expect(panel().getAttribute("data-diagram-status")).not.toBe("loading"), { timeout: 20_000 });
}

describe("SequenceDiagramPanel", () => {
  it("starts in a loading state with the downloads disabled and the copy button ready", async () => {
    render(<SequenceDiagramPanel trace={trace} index={0} />);
    expect(panel().getAttribute("data-diagram-status")).toBe("loading");
    expect(screen.getByText("Drawing the sequence diagram…")).toBeTruthy();
    expect(screen.getByRole("region", { name: "Sequence diagram (scrollable)" }).getAttribute("aria-busy")).toBe("true");
    expect((screen.getByRole("button", { name: "Download SVG" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Download PNG" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Copy mermaid source" }) as HTMLButtonElement).disabled).toBe(false);
    await settled();
  });

  it("shows the trace's mermaid source, exactly, in a details element", async () => {
    render(<SequenceDiagramPanel trace={trace} index={3} />);
    const details = screen.getByText("Mermaid source").closest("details");
    expect(details).toBeTruthy();
    expect(details!.querySelector("code")!.textContent).toBe(toMermaid(trace));
    await settled();
  });

  it("when mermaid cannot draw, says so with mermaid's message and opens the source", async () => {
    render(<SequenceDiagramPanel trace={trace} index={0} />);
    await settled();
    expect(panel().getAttribute("data-diagram-status")).toBe("error");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toMatch(/The diagram could not be drawn/);
    // jsdom lays nothing out, so mermaid fails measuring text: its message is shown as it is.
    expect(alert.textContent).toMatch(/getBBox/);
    expect(screen.getByText("Mermaid source").closest("details")!.open).toBe(true);
    expect(panel().querySelector("svg[role=img]")).toBeNull();
    expect((screen.getByRole("button", { name: "Download SVG" }) as HTMLButtonElement).disabled).toBe(true);
    // Nothing mermaid put in the document while it tried is left behind.
    expect(document.querySelectorAll('body > div[id^="dsequence-"]')).toHaveLength(0);
  });

  it("copies the source with the Clipboard API and says so", async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    render(<SequenceDiagramPanel trace={trace} index={0} />);
    await settled();
    fireEvent.click(screen.getByRole("button", { name: "Copy mermaid source" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Copied the mermaid source to the clipboard."));
    expect(written).toEqual([toMermaid(trace)]);
  });

  it("without any way to copy, selects the source and tells how to copy it", async () => {
    // jsdom has neither navigator.clipboard nor document.execCommand: the last fallback is the person.
    render(<SequenceDiagramPanel trace={trace} index={0} />);
    await settled();
    const details = screen.getByText("Mermaid source").closest("details")!;
    details.open = false;
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Copy mermaid source" }));
    });
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/press Ctrl\+C/));
    expect(details.open).toBe(true);
    expect(window.getSelection()?.toString()).toBe(toMermaid(trace));
  });

  it("shows hostile trace text as text: no element is made from it", async () => {
    const hostile: Trace = {
      ...trace,
      steps: trace.steps.map((step, i) =>
        i === 0 ? { ...step, title: `<img src=x onerror="alert(1)"><script>alert(2)</script> %%{init: {}}%%` } : step,
      ),
    };
    render(<SequenceDiagramPanel trace={hostile} index={0} />);
    await settled();
    const section = panel();
    expect(section.querySelector("img, script")).toBeNull();
    const code = within(section).getByText(/sequenceDiagram/, { selector: "code" });
    // toMermaid escaped it for mermaid; the page shows that text as it is.
    expect(code.textContent).toContain("#lt;img src=x onerror=#quot;alert(1)#quot;#gt;");
  });

  it("can be told to fit the diagram to the panel's width", async () => {
    render(<SequenceDiagramPanel trace={trace} index={0} />);
    const fit = screen.getByRole("button", { name: "Fit to width" });
    expect(fit.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(fit);
    expect(fit.getAttribute("aria-pressed")).toBe("true");
    await settled();
  });
});
