/** Text of the 404 page. */
export const notFoundPage = {
  title: "Page not found",
  body: "There is no page at this address. It may have moved, or the link may be mistyped. Every flow starts from the home page.",
  homeLink: "Go to the home page",
} as const;
