/**
 * Concept text with `backticks` rendered as code. Text is plain: it is split, never parsed as
 * HTML, so nothing in it can become markup.
 */
export function InlineText({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <code
            key={index}
            className="rounded bg-accent-soft px-1 py-0.5 font-mono text-[0.875em] break-words text-foreground"
          >
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
