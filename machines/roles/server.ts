/**
 * The authorization server and resource server as role actors. Each wraps the world's Fetch
 * handler: it takes the request the wire delivers, lets the real mock server answer, and sends
 * the answer back through the wire. The machine decides nothing a real server would not.
 */
import { assertEvent, assign, fromPromise, sendTo, setup } from "xstate";
import { replyStep } from "../steps";
import type { Knowledge, RecordedRequest, RecordedResponse, RoleId } from "../trace";
import type { DeliverEvent, Fetch, WireMessage } from "./messages";
import { artifactsOf, learn, recordResponse, toRequest } from "./messages";

export interface ServerInput {
  readonly role: RoleId;
  readonly fetch: Fetch;
}

interface ServerContext {
  readonly role: RoleId;
  readonly fetch: Fetch;
  readonly knows: Knowledge;
  readonly pending: WireMessage | undefined;
}

export const serverMachine = setup({
  types: {
    input: {} as ServerInput,
    context: {} as ServerContext,
    events: {} as DeliverEvent,
  },
  actors: {
    answerRequest: fromPromise<RecordedResponse, { fetch: Fetch; request: RecordedRequest }>(async ({ input }) =>
      recordResponse(await input.fetch(toRequest(input.request))),
    ),
  },
  actions: {
    acceptRequest: assign(({ context, event }) => {
      assertEvent(event, "DELIVER");
      return { pending: event.message, knows: learn(context.knows, artifactsOf(event.message)) };
    }),
    replyThroughWire: sendTo(
      ({ system }) => system.get("wire"),
      ({ context }, response: RecordedResponse) => {
        const request = context.pending!;
        const message: WireMessage = {
          id: replyStep(request.id, response.status),
          from: context.role,
          to: request.from,
          channel: request.channel,
          response,
        };
        return { type: "WIRE.REPLY" as const, message };
      },
    ),
    rememberResponse: assign(({ context }, response: RecordedResponse) => ({
      knows: learn(context.knows, artifactsOf({ id: "", from: context.role, to: context.role, channel: "local", response })),
      pending: undefined,
    })),
  },
}).createMachine({
  id: "server",
  description: "A mock server that answers each HTTP request the wire delivers",
  context: ({ input }) => ({ role: input.role, fetch: input.fetch, knows: {}, pending: undefined }),
  initial: "listening",
  states: {
    listening: {
      description: "Waits for the next request",
      on: { DELIVER: { target: "answering", actions: "acceptRequest" } },
    },
    answering: {
      description: "The real mock server handles the request",
      invoke: {
        src: "answerRequest",
        input: ({ context }) => ({ fetch: context.fetch, request: context.pending!.request! }),
        onDone: {
          target: "listening",
          actions: [
            { type: "replyThroughWire", params: ({ event }) => event.output },
            { type: "rememberResponse", params: ({ event }) => event.output },
          ],
        },
      },
    },
  },
});
