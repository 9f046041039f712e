// Runs SQL statements, in order, on a current ClickHouse engine embedded through chdb, in a fresh session.
// Input: a JSON file [{"name": "...", "sql": "..."}]; output on stdout: JSON {"version": "...", "results": [{"name", "rows"}]},
// rows as arrays of strings (JSONCompact), columns as [{"name", "type"}]. The first failing statement ends the run with exit code 1 and its name.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "chdb";

const statements = JSON.parse(readFileSync(process.argv[2], "utf8"));
const dir = mkdtempSync(join(tmpdir(), "noko-chdb-"));
const session = new Session(dir);
const results = [];
let failed = null;
try {
  for (const { name, sql } of statements) {
    try {
      const output = session.query(sql, "JSONCompact");
      const parsed = output && output.trim() ? JSON.parse(output) : null;
      const rows = parsed ? parsed.data.map((row) => row.map((value) => (value === null ? null : String(value)))) : [];
      results.push({ name, rows, columns: parsed ? parsed.meta : [] });
    } catch (error) {
      failed = { name, error: String(error && error.message ? error.message : error) };
      break;
    }
  }
  const version = JSON.parse(session.query("SELECT version()", "JSONCompact")).data[0][0];
  process.stdout.write(JSON.stringify({ version, results, failed }) + "\n");
} finally {
  session.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
// Not process.exit(): it would cut off output still being written to a pipe (large results).
process.exitCode = failed ? 1 : 0;
