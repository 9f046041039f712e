// Validates Grafana dashboard JSON files against a JSON Schema generated, at each run, from the `Dashboard` type that
// Grafana publishes in the npm package @grafana/schema (the classic dashboard JSON model), loosened where Grafana's own
// exports depart from its types (see loosen() below).
//
//   node validate.mjs <dashboard.json>...   prints {"grafanaSchema": "<version>", "dashboards": [{"file", "errors"}]},
//                                           each error {"path": "/panels/0/gridPos/w", "message": "must be number"};
//                                           exit code 0 when every file is valid, 1 when one is not
//   node validate.mjs --print-schema        prints the loosened schema the files are checked against
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv from "ajv";
import { createGenerator } from "ts-json-schema-generator";

const require = createRequire(import.meta.url);
const grafanaPackage = require.resolve("@grafana/schema/package.json");
const grafanaVersion = JSON.parse(readFileSync(grafanaPackage, "utf8")).version;
const dashboardTypes = join(dirname(grafanaPackage), "dist/types/raw/dashboard/x/types.gen.d.ts");

// The only properties a dashboard cannot do without. Grafana's TypeScript types mark many more as required: every field
// its CUE schema gives a default (schemaVersion, a link's asDropdown, a row's collapsed and panels, fieldConfig's
// overrides…), and several its own exports leave out (a variable's `current: {}`, a link's tooltip, a threshold step's
// value, an annotation target's limit). Grafana fills those in when it loads a dashboard, so they may be absent here.
const REQUIRED = {
  Panel: ["type"],
  RowPanel: ["type"],
  GridPos: ["h", "w", "x", "y"],
  VariableModel: ["name", "type"],
};

function generate() {
  return createGenerator({
    path: dashboardTypes,
    type: "Dashboard",
    skipTypeCheck: true,
    expose: "all",
    topRef: true,
    jsDoc: "none",
    // Grafana writes fields its types do not declare: a query variable's `definition`, an ad hoc variable's `filters`,
    // a data source's own fields on annotation queries (`rawSql`…), `__inputs`/`__requires` in shared exports, a row's
    // `collapsed` on panels that once were rows. Unknown properties are therefore allowed; the types of the declared
    // ones are still checked. (The Java checks catch what a misspelt name would break: gridPos, datasource, links.)
    additionalProperties: true,
  }).createSchema("Dashboard");
}

function loosen(schema) {
  for (const [name, definition] of Object.entries(schema.definitions)) {
    visit(definition, REQUIRED[name] ?? []);
  }
  // Grafana has written `"refresh": false` for "no auto-refresh" for years and still reads it.
  const refresh = schema.definitions.Dashboard.properties.refresh;
  schema.definitions.Dashboard.properties.refresh = { anyOf: [refresh, { const: false }] };
  return schema;
}

function visit(node, required) {
  if (Array.isArray(node)) {
    node.forEach((child) => visit(child, []));
    return;
  }
  if (node === null || typeof node !== "object") return;
  if (node.anyOf && isPanelOrRow(node.anyOf)) {
    // Grafana tells a row from a panel by `type: "row"`; branching on it gives one error list, not both branches'.
    delete node.anyOf;
    Object.assign(node, {
      if: { properties: { type: { const: "row" } }, required: ["type"] },
      then: { $ref: "#/definitions/RowPanel" },
      else: { $ref: "#/definitions/Panel" },
    });
    return;
  }
  if (node.properties) {
    node.required = (node.required ?? []).filter((property) => required.includes(property));
    if (node.required.length === 0) delete node.required;
    for (const [property, child] of Object.entries(node.properties)) {
      visit(child, []);
      // Grafana writes null for an optional value that is not set (`"allValue": null`, a bundled dashboard's
      // `"uid": null`, a row's `"id": null`) and reads it as absent.
      if (!required.includes(property)) node.properties[property] = { anyOf: [child, { type: "null" }] };
    }
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== "properties") visit(child, []);
  }
}

function isPanelOrRow(branches) {
  const refs = branches.map((branch) => branch.$ref).sort();
  return refs.length === 2 && refs[0] === "#/definitions/Panel" && refs[1] === "#/definitions/RowPanel";
}

// ajv reports every branch of a union; the null branch added above and the union's own summary only repeat the
// error that names what is wrong.
function readable(errors) {
  return (errors ?? [])
    .filter((error) => !["anyOf", "if"].includes(error.keyword))
    .filter((error) => !(error.keyword === "type" && error.params.type === "null"))
    .map((error) => ({
      path: error.instancePath || "/",
      message: error.message + details(error),
    }));
}

function details(error) {
  if (error.keyword === "enum") return ": " + error.params.allowedValues.map((value) => JSON.stringify(value)).join(", ");
  if (error.keyword === "const") return ": " + JSON.stringify(error.params.allowedValue);
  return "";
}

const schema = loosen(generate());
const files = process.argv.slice(2);
if (files[0] === "--print-schema") {
  process.stdout.write(JSON.stringify(schema, null, 2) + "\n");
  process.exit(0);
}
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const dashboards = files.map((file) => {
  let json;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return { file, errors: [{ path: "/", message: "is not JSON: " + error.message }] };
  }
  return { file, errors: validate(json) ? [] : readable(validate.errors) };
});
process.stdout.write(JSON.stringify({ grafanaSchema: grafanaVersion, dashboards }) + "\n");
process.exit(dashboards.every((dashboard) => dashboard.errors.length === 0) ? 0 : 1);
