import { launches } from "../support/server.ts";
import { smokeSuite } from "./smoke.ts";

smokeSuite("Bun, from source", () => launches.bun);
