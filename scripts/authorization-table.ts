import { readFileSync, writeFileSync } from "node:fs";
import { authorizationTable, tableMarkers } from "../test/rooms/authorization-cells.ts";

/**
 * Prints docs/security.md's "Who may do what" table from the matrix its test asserts; with
 * `--write`, puts it in the doc between its markers.
 */
const table = authorizationTable();
if (process.argv.includes("--write")) {
  const doc = new URL("../docs/security.md", import.meta.url);
  const text = readFileSync(doc, "utf8");
  const start = text.indexOf(tableMarkers.start);
  const end = text.indexOf(tableMarkers.end);
  if (start < 0 || end < start) throw new Error("docs/security.md has no authorization-table markers");
  writeFileSync(doc, `${text.slice(0, start + tableMarkers.start.length)}\n${table}\n${text.slice(end)}`);
} else {
  console.log(table);
}
