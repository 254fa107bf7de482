/**
 * Where a step is in a rendered sequence diagram. mermaid numbers the statements of a sequence
 * diagram in source order — every message, note, `rect` and `end`, but not the `participant`
 * lines — and tags what it draws for statement k with data-id="ik" (a message's line, a note's
 * group). `toMermaid` starts the label of each step's message or note with its number ("7. …"),
 * so the step's statement is the one whose label starts with that number.
 */

/** A message (`a->>b: label`, any arrow) or a note (`Note over a,b: label`), up to its label. */
const LABELLED = /^(?:Note\s+(?:over|left of|right of)\s+[^:]+|[A-Za-z0-9_]+\s*[-<>x)]{2,4}\s*[+-]?[A-Za-z0-9_]+)\s*:\s*(\d+)\.\s/;

/** Lines that declare rather than draw: they take no statement number. */
const DECLARATION = /^(?:sequenceDiagram|participant|actor|autonumber|title|accTitle|accDescr|%%)\b/;

/**
 * The statement number of each step in the diagram source, by step index (0-based); a step whose
 * label cannot be found is left out. Pure: tested against every flow's source.
 */
export function stepStatements(source: string): Map<number, number> {
  const found = new Map<number, number>();
  let statement = 0;
  for (const raw of source.split("\n")) {
    const line = raw.trim();
    if (line === "" || DECLARATION.test(line)) continue;
    const match = LABELLED.exec(line);
    if (match) {
      const step = Number(match[1]) - 1;
      if (!found.has(step)) found.set(step, statement);
    }
    statement += 1;
  }
  return found;
}

/** The CSS selector of what mermaid drew for a statement: a message's line or a note's group. */
export function statementSelector(statement: number): string {
  return `[data-et="message"][data-id="i${statement}"], [data-et="note"][data-id="i${statement}"]`;
}
