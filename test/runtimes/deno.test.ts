import { existsSync } from "node:fs";
import { requirement } from "../support/requirement.ts";
import { launches } from "../support/server.ts";
import { smokeSuite } from "./smoke.ts";

const { skip } = requirement(existsSync(launches.deno.command), `Deno (${launches.deno.command})`);
smokeSuite("Deno", () => launches.deno, { skip });
