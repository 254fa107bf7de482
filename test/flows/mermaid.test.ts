/**
 * The whole-flow sequence diagram: the mermaid text `toMermaid` derives from a trace must parse with
 * mermaid's own parser (mermaid 12's `mermaid.parse` runs in Node without a DOM), and what mermaid
 * reads back from it must be the trace: the roles in order, one arrow per message with the right
 * ends and line style, and labels that show exactly the text they were given, however hostile.
 */
import fc from "fast-check";
import mermaid from "mermaid";
import { describe, expect, it } from "vitest";
import type { FlowDefinition, Scenario } from "@/machines/flows";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace, TraceStep } from "@/machines/trace";
import { ROLE_NAMES } from "@/machines/trace";
import { escapeMermaid, stepError, toMermaid } from "@/machines/trace-format";

const REGISTERED = Object.values(FLOWS).filter((flow): flow is FlowDefinition<Scenario> => flow !== undefined);
const CASES = REGISTERED.flatMap((flow) => flow.scenarios.map((scenario) => ({ flow, scenario, name: `${flow.id} / ${scenario.id}` })));

/** mermaid's sequence LINETYPE codes (sequenceDb.d.ts). */
const LINE = { SOLID: 0, DOTTED: 1, NOTE: 2, SOLID_CROSS: 3, DOTTED_CROSS: 4, RECT_START: 22, RECT_END: 23, DOTTED_POINT: 25 } as const;

interface ParsedMessage {
  readonly type: number;
  readonly from?: string;
  readonly to?: string;
  readonly message: string;
}

interface SequenceView {
  getMessages(): ParsedMessage[];
  getActors(): Map<string, { description: string }>;
}

/** Parse with mermaid and read back what its sequence diagram database holds. */
async function parsed(text: string): Promise<SequenceView> {
  const result = await mermaid.parse(text);
  expect(result).toMatchObject({ diagramType: "sequence" });
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  return diagram.db as unknown as SequenceView;
}

/**
 * The text a label shows once drawn: mermaid turns its entity placeholders back into HTML entities
 * (utils.ts decodeEntities), which the browser then decodes.
 */
function shown(text: string): string {
  const html = text.replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
  const named: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">" };
  return html.replace(/&(#\d+|\w+);/g, (entity, name: string) => (name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : (named[name] ?? entity)));
}

/** The lines of a label as drawn: mermaid breaks at its own `<br/>` (escaped text never holds one). */
function linesOf(message: ParsedMessage): string[] {
  return message.message.split("<br/>").map(shown);
}

/** What a label should show: its text on one line. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}

const arrows = (view: SequenceView) => view.getMessages().filter((message) => message.type !== LINE.NOTE && message.type !== LINE.RECT_START && message.type !== LINE.RECT_END);
const notes = (view: SequenceView) => view.getMessages().filter((message) => message.type === LINE.NOTE);
const isArrowStep = (step: TraceStep) => step.channel !== "local" && step.from !== step.to;

describe.each(CASES)("the diagram of $name", ({ flow, scenario }) => {
  it("parses as a mermaid sequence diagram that holds the trace", async () => {
    const trace = await runFlow(flow, scenario, "demo");
    const view = await parsed(toMermaid(trace));

    expect([...view.getActors().keys()]).toEqual([...trace.roles]);
    expect([...view.getActors().values()].map((actor) => shown(actor.description))).toEqual(trace.roles.map((role) => ROLE_NAMES[role]));

    const messageSteps = trace.steps.filter(isArrowStep);
    const drawn = arrows(view);
    expect(drawn.map(({ from, to }) => ({ from, to }))).toEqual(messageSteps.map(({ from, to }) => ({ from, to })));
    messageSteps.forEach((step, index) => {
      const arrow = drawn[index]!;
      const failed = stepError(step) !== undefined;
      const expected =
        step.channel === "back" ? (failed ? LINE.SOLID_CROSS : LINE.SOLID) : failed ? LINE.DOTTED_CROSS : step.request || step.response ? LINE.DOTTED : LINE.DOTTED_POINT;
      expect(arrow.type, `step ${step.index} ${step.id}`).toBe(expected);
      expect(linesOf(arrow)[0], `step ${step.index} ${step.id}`).toContain(step.title);
    });

    // A note for each local step, one listing the checks of each message step that has any, one per outcome.
    const expectedNotes = trace.steps.filter((step) => !isArrowStep(step)).length + messageSteps.filter((step) => step.checks.length > 0).length + trace.outcomes.length;
    expect(notes(view)).toHaveLength(expectedNotes);
    for (const check of trace.steps.flatMap((step) => step.checks)) {
      expect(notes(view).some((note) => linesOf(note).some((line) => line.startsWith(`${check.passed ? "✓" : "✗"} ${check.label}`))), check.id).toBe(true);
    }
  });
});

describe("mermaid's parser, as these tests use it", () => {
  it("rejects a broken diagram, so a bad label would fail the tests above", async () => {
    await expect(mermaid.parse("sequenceDiagram\n  client->>: no target\n")).rejects.toThrow();
    // An unescaped `;` ends a message: the rest of the label becomes a statement of its own.
    await expect(mermaid.parse("sequenceDiagram\n  client->>authorizationServer: GET /a;b->>\n")).rejects.toThrow();
  });
});

/** A one-step-of-each-kind trace whose every text is `hostile`. */
function hostileTrace(hostile: string): Trace {
  const base = { artifacts: [], knowledge: {}, reference: { rfc: "6749", section: "4.1" }, time: 0 } as const;
  return {
    flow: "authorization-code",
    scenario: hostile,
    seed: hostile,
    roles: ["resourceOwner", "client", "authorizationServer", "attacker"],
    steps: [
      { ...base, index: 0, id: "a", title: hostile, from: "attacker", to: "resourceOwner", channel: "front", link: `https://evil.example/${encodeURIComponent(hostile)}?x=${encodeURIComponent(hostile)}#frag;${hostile}`, checks: [] },
      { ...base, index: 1, id: "b", title: hostile, from: "resourceOwner", to: "authorizationServer", channel: "front", request: { method: "GET", url: `https://as.example/a;b:c/${encodeURIComponent(hostile)}?q="${encodeURIComponent(hostile)}"`, headers: [] }, checks: [] },
      {
        ...base,
        index: 2,
        id: "c",
        title: hostile,
        from: "client",
        to: "client",
        channel: "local",
        checks: [
          { id: "x", by: "client", label: hostile, passed: false, expected: hostile, actual: hostile },
          { id: "y", by: "client", label: hostile, passed: true },
        ],
      },
      { ...base, index: 3, id: "d", title: hostile, from: "authorizationServer", to: "client", channel: "back", response: { status: 400, headers: [["location", `not a url ${hostile}`]], body: hostile }, checks: [{ id: "z", by: "client", label: hostile, passed: false }] },
    ],
    outcomes: [{ role: "client", kind: "error", result: hostile, summary: hostile }],
  };
}

const HOSTILE = [
  "<script>alert('x')</script>",
  "a;b; c;;",
  "#x #35; #quot; &amp; &lt;",
  'He said "hi" and \'bye\'',
  "line one\nline two\r\nline three\u2028four",
  "émoji 🙂 中文 עברית \u200d\ufeff",
  "%%{init: {'theme': 'dark'}}%%",
  "style a fill:#f9f;",
  "classDef x fill:#f00;",
  "wrap: a hint",
  "end",
  "-->> ->> --x :::",
  "ﬂ°°65¶ß ﬂ°amp¶ß",
  "https://client.example/cb?code=abc;d#access_token=t&state=\"s\"",
  "<br/> <b>bold</b>",
  "   ",
  "",
];

describe("labels with hostile text", () => {
  it.each(HOSTILE)("still parse, and show the text itself: %j", async (hostile) => {
    const trace = hostileTrace(hostile);
    const view = await parsed(toMermaid(trace));
    const labels = [...arrows(view), ...notes(view)].flatMap(linesOf);
    // Every step's title is shown verbatim after its number; so is each check's label.
    for (const step of trace.steps) expect(labels).toContain(oneLine(`${step.index + 1}.${stepError(step) ? " ✗" : ""} ${hostile}`));
    expect(labels).toContain(oneLine(`✓ ${hostile}`));
    expect(arrows(view).map((arrow) => arrow.type)).toEqual([LINE.DOTTED_POINT, LINE.DOTTED, LINE.SOLID_CROSS]);
  });

  it("never let the text open a tag or end a statement in the mermaid source", () => {
    for (const hostile of HOSTILE) {
      // Once its entity codes are set aside, nothing is left that mermaid or HTML would read.
      expect(escapeMermaid(hostile).replace(/#\w+;/g, "")).not.toMatch(/[<>;#%"\n\r]/);
    }
  });

  it("parse and round-trip for any text (property)", async () => {
    const pieces = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(...HOSTILE), fc.constantFrom("#", ";", "%%", "<", ">", "&", '"', "\n", ":", "style", "wrap:", "ﬂ°", "¶ß", "#59;"));
    const text = fc.array(pieces, { maxLength: 6 }).map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(text, async (hostile) => {
        const trace = hostileTrace(hostile);
        const view = await parsed(toMermaid(trace));
        const first = linesOf(arrows(view)[0]!)[0]!;
        expect(first).toBe(oneLine(`1.${stepError(trace.steps[0]!) ? " ✗" : ""} ${hostile}`));
      }),
      { numRuns: 100 },
    );
    // CPU-bound (100 mermaid parses): generous on a loaded two-core machine.
  }, 60_000);
});
