/**
 * Speaker notes cover the traces: every step that any run of any flow records has a note (flow
 * level or shared), and every note names a step some run records — of that flow, for a flow's own
 * notes. Runs: every scenario of every flow with two seeds, and each single unticked scope.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { FLOW_SPEAKER_NOTES, SPEAKER_NOTES, speakerNoteFor, type SpeakerNote } from "@/content/speaker-notes";
import { FLOW_IDS, FLOWS, type FlowId } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";

const runs: { flow: FlowId; trace: Trace }[] = [];

beforeAll(async () => {
  for (const flow of FLOW_IDS) {
    for (const scenario of FLOWS[flow].scenarios) {
      for (const seed of ["demo", "speaker-notes"]) runs.push({ flow, trace: await runFlow(FLOWS[flow], scenario, seed) });
      // Unticking scopes on the consent page can change the steps (a refusal from the API).
      const request = runs.at(-1)!.trace.steps.find((step) => step.id === "authorization-request" && step.request);
      const offered = request?.request ? (new URL(request.request.url).searchParams.get("scope")?.split(" ") ?? []) : [];
      for (const kept of [[], ...offered.map((scope) => offered.filter((other) => other !== scope))]) {
        if (offered.length > 0) runs.push({ flow, trace: await runFlow(FLOWS[flow], { ...scenario, grantedScope: kept }, "demo") });
      }
    }
  }
}, 120_000);

function recordedBy(flow?: FlowId): Set<string> {
  return new Set(runs.filter((run) => !flow || run.flow === flow).flatMap((run) => run.trace.steps.map((step) => step.id)));
}

describe("speaker notes", () => {
  it("has a note for every step any trace records", () => {
    const missing = new Set<string>();
    for (const run of runs) for (const step of run.trace.steps) if (!speakerNoteFor(run.flow, step.id)) missing.add(`${run.flow} ${step.id}`);
    expect([...missing]).toEqual([]);
  });

  it("names only steps that some trace records", () => {
    const recorded = recordedBy();
    expect(Object.keys(SPEAKER_NOTES).filter((id) => !recorded.has(id))).toEqual([]);
  });

  it("names, in a flow's own notes, only that flow's steps, and says something new there", () => {
    const problems = Object.entries(FLOW_SPEAKER_NOTES).flatMap(([flow, notes]) => {
      const recorded = recordedBy(flow as FlowId);
      return Object.entries(notes ?? {}).flatMap(([id, note]) => [
        ...(recorded.has(id) ? [] : [`${flow}: ${id} is not one of its steps`]),
        ...(SPEAKER_NOTES[id]?.say === note.say ? [`${flow}: ${id} repeats the shared note`] : []),
      ]);
    });
    expect(problems).toEqual([]);
  });

  it("prefers a flow's own note to the shared one", () => {
    expect(speakerNoteFor("implicit", "authorization-response")).toBe(FLOW_SPEAKER_NOTES.implicit?.["authorization-response"]);
    expect(speakerNoteFor("authorization-code", "authorization-response")).toBe(SPEAKER_NOTES["authorization-response"]);
    expect(speakerNoteFor("authorization-code", "toString")).toBeUndefined();
  });

  it("is plain text in whole sentences, short enough to glance at", () => {
    const all: [string, SpeakerNote][] = [...Object.entries(SPEAKER_NOTES), ...Object.values(FLOW_SPEAKER_NOTES).flatMap((notes) => Object.entries(notes ?? {}))];
    const problems = all.flatMap(([id, note]) =>
      [note.say, note.ask].flatMap((text) => {
        if (text === undefined) return [];
        const found: string[] = [];
        if (/<\/?[a-z][^>]*>|`/i.test(text)) found.push(`${id}: markup`);
        if (!/[.!?]$/.test(text.trim())) found.push(`${id}: does not end a sentence`);
        if (text.length > 260) found.push(`${id}: longer than 260 characters`);
        return found;
      }),
    );
    expect(problems).toEqual([]);
  });
});
