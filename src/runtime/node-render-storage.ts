import { jsx } from "hono/jsx";

/**
 * Renders Parley's views without hono/jsx's AsyncLocalStorage, for the standalone Node server.
 *
 * hono/jsx runs every render inside `AsyncLocalStorage.run` when the runtime has one, so that a
 * context can be read after an `await` in an async component. On Node 20 the first `run` turns
 * Node's promise hooks on for the rest of the process: every promise then pays for them, about a
 * fifth of a message's server CPU (docs/benchmark.md). Parley's views read their contexts
 * (paths, site) only synchronously, where hono's own per-render store serves them the same.
 *
 * hono looks for the storage once, on its first render: this renders once with Node's module
 * lookups answering nothing, then puts them back before anything else runs (all synchronous).
 * Only for the standalone server: in a host's process (the kit), hono and its contexts are the
 * host's, whose async components may need the storage.
 */
export function renderWithoutAsyncStorage(): void {
  const node = process as { getBuiltinModule?: unknown; mainModule?: unknown };
  const { getBuiltinModule, mainModule } = node;
  try {
    node.getBuiltinModule = undefined;
    if (mainModule) node.mainModule = undefined;
    String(jsx("i", {}));
  } finally {
    node.getBuiltinModule = getBuiltinModule;
    if (mainModule) node.mainModule = mainModule;
  }
}
