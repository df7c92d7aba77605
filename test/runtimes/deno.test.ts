import { existsSync } from "node:fs";
import { launches } from "../support/server.ts";
import { skipUnless, smokeSuite } from "./smoke.ts";

const skip = skipUnless(existsSync(launches.deno.command), "Deno", launches.deno.command);
smokeSuite("Deno", () => launches.deno, { skip });
