import { describe, expect, it } from "vitest";
import type { Concept } from "@/content/concepts";
import { CONCEPTS, findConcept, PAGE_ANCHORS, specLabel, specUrl, tryItHref } from "@/content/concepts";
import { FLOWS, findFlow } from "@/machines/flows";

/** Every piece of text a concept page shows. */
function textsOf(concept: Concept): string[] {
  return [
    concept.title,
    concept.summary,
    ...concept.intro,
    ...concept.learn,
    ...concept.recap,
    ...concept.sections.flatMap((section) => [
      section.title,
      ...section.blocks.flatMap((block) => {
        switch (block.kind) {
          case "paragraph":
            return [block.text];
          case "list":
            return [...block.items];
          case "definitions":
            return block.items.flatMap((item) => [item.term, item.definition]);
          case "code":
            return [block.label];
          case "callout":
            return [block.title, block.text];
        }
      }),
    ]),
    ...concept.tryIt.flatMap((item) => [item.label, item.shows]),
    ...concept.references.map((reference) => reference.title),
  ];
}

describe("concept pages", () => {
  it("cover the roles, tokens, scopes, PKCE, state and CSRF, refresh and revocation, and OAuth 2.1", () => {
    expect(CONCEPTS.map((concept) => concept.slug)).toEqual([
      "roles",
      "tokens",
      "scopes",
      "state-and-csrf",
      "pkce",
      "refresh-and-revocation",
      "oauth-2-1",
    ]);
  });

  it("have unique, URL-safe slugs and titles", () => {
    const slugs = CONCEPTS.map((concept) => concept.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const titles = CONCEPTS.map((concept) => concept.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("each have an intro, what you will learn, sections, a recap, scenarios to try and spec references", () => {
    for (const concept of CONCEPTS) {
      expect(concept.intro.length, concept.slug).toBeGreaterThan(0);
      expect(concept.learn.length, concept.slug).toBeGreaterThanOrEqual(3);
      expect(concept.sections.length, concept.slug).toBeGreaterThanOrEqual(3);
      expect(concept.recap.length, concept.slug).toBeGreaterThanOrEqual(3);
      expect(concept.tryIt.length, concept.slug).toBeGreaterThanOrEqual(3);
      expect(concept.references.length, concept.slug).toBeGreaterThan(0);
      for (const section of concept.sections) expect(section.blocks.length, `${concept.slug}#${section.id}`).toBeGreaterThan(0);
    }
  });

  it("give each section a stable kebab-case anchor, unique on its page and apart from the page's own anchors", () => {
    for (const concept of CONCEPTS) {
      const ids = concept.sections.map((section) => section.id);
      expect(new Set(ids).size, concept.slug).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(PAGE_ANCHORS as readonly string[]).not.toContain(id);
      }
    }
  });

  it("link every “try it” to a flow and a scenario the engine really has", () => {
    const broken: string[] = [];
    for (const concept of CONCEPTS) {
      for (const item of concept.tryIt) {
        const flow = findFlow(item.flow);
        if (!flow) broken.push(`${concept.slug}: no flow ${item.flow}`);
        else if (!flow.scenarios.some((scenario) => scenario.id === item.scenario)) {
          broken.push(`${concept.slug}: ${item.flow} has no scenario ${item.scenario} (it has ${flow.scenarios.map((s) => s.id).join(", ")})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("link “try it” to /flows/<flow>?scenario=<scenario>, each at most once per page", () => {
    for (const concept of CONCEPTS) {
      const hrefs = concept.tryIt.map(tryItHref);
      expect(new Set(hrefs).size, concept.slug).toBe(hrefs.length);
      for (const href of hrefs) {
        const url = new URL(href, "https://site.example");
        const [, flows, flowId, ...rest] = url.pathname.split("/");
        expect([flows, rest]).toEqual(["flows", []]);
        expect(Object.keys(FLOWS)).toContain(flowId);
        expect(url.searchParams.get("scenario")).toBeTruthy();
      }
    }
  });

  it("cite RFC sections and drafts at their official addresses", () => {
    for (const reference of CONCEPTS.flatMap((concept) => concept.references)) {
      expect(specUrl(reference)).toMatch(/^https:\/\/(www\.rfc-editor\.org\/rfc\/rfc\d+(#section-[\d.]+)?|datatracker\.ietf\.org\/doc\/draft-[a-z0-9-]+\/)$/);
    }
    expect(specLabel({ spec: "7636", section: "4.2", title: "" })).toBe("RFC 7636 §4.2");
    expect(specUrl({ spec: "7636", section: "4.2", title: "" })).toBe("https://www.rfc-editor.org/rfc/rfc7636#section-4.2");
  });

  it("are plain text: no HTML, and every `code` span closed", () => {
    const problems: string[] = [];
    for (const concept of CONCEPTS) {
      for (const text of textsOf(concept)) {
        if (/<\/?[a-z][^>]*>/i.test(text)) problems.push(`${concept.slug}: HTML in “${text}”`);
        if ((text.match(/`/g) ?? []).length % 2 !== 0) problems.push(`${concept.slug}: unclosed backtick in “${text}”`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("find a concept by slug, and nothing for an unknown one", () => {
    expect(findConcept("pkce")?.title).toBe("PKCE");
    expect(findConcept("no-such-concept")).toBeUndefined();
    expect(findConcept("")).toBeUndefined();
  });
});
