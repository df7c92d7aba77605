/** What every runtime's entry exports beside its createParley: the same names on Bun, Node and Deno. */
export type { Parley } from "./create-parley.ts";
export { ParleyError } from "./create-parley.ts";
export type {
  MessageDraft,
  ObjectStorage,
  PageLayout,
  PageLayoutProps,
  ParleyOptions,
  Person,
  PostedMessage,
} from "./options.ts";
