/**
 * The load generator: a process of its own (Bun's WebSocket client), so its work never counts
 * as the server's. Takes one LoadRequest as JSON in argv, prints one Result as JSON on the
 * last line of stdout, and exits; progress goes to stderr.
 */
import type { LoadRequest, Result } from "../job.ts";
import { closedLoop } from "./closed-loop.ts";
import { idleSockets } from "./idle.ts";
import { openLoop } from "./open-loop.ts";

const request = JSON.parse(process.argv[2] ?? "{}") as LoadRequest;
const { target, job } = request;

async function run(): Promise<Result> {
  switch (job.kind) {
    case "closed":
      return closedLoop(target, job);
    case "open":
      return openLoop(target, job);
    case "idle":
      return idleSockets(target, job);
  }
}

run().then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error) => {
    console.error(`load generator (${target.name}, ${job.kind}):`, error);
    process.exit(1);
  },
);
