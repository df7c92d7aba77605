import { launches } from "../support/server.ts";
import { smokeSuite } from "./smoke.ts";

smokeSuite("Node", () => launches.node);
