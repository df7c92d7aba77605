import { openSqlite } from "../../src/store/drivers/node.ts";
import { storeContract } from "./contract.ts";

storeContract("SQLite", () => openSqlite(":memory:"));
