// Runs SQL statements, in order, on a current ClickHouse engine embedded through chdb, in a fresh session.
// Input: a JSON file [{"name": "...", "sql": "..."}]; output on stdout: JSON {"version": "...", "results": [{"name", "rows"}]},
// rows as arrays of strings (JSONCompact). The first failing statement ends the run with exit code 1 and its name.
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
      const rows = output && output.trim() ? JSON.parse(output).data.map((row) => row.map(String)) : [];
      results.push({ name, rows });
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
process.exit(failed ? 1 : 0);
