// Validates JSON documents against a schema of an OpenAPI 3.1 document's components, with Ajv
// (JSON Schema 2020-12, as OpenAPI 3.1 uses it) and ajv-formats for "date-time" and "date".
//   node validate_schema.mjs OPENAPI.json SCHEMA_NAME DOCUMENT.json...
// Exit 0 when every document is valid; 1 with Ajv's errors, one document per line, otherwise.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [openapiPath, schemaName, ...documents] = process.argv.slice(2);
if (!openapiPath || !schemaName || documents.length === 0) {
  console.error("usage: validate_schema.mjs OPENAPI.json SCHEMA_NAME DOCUMENT.json...");
  process.exit(2);
}
const openapi = JSON.parse(readFileSync(openapiPath, "utf8"));
const schemas = openapi?.components?.schemas;
if (!schemas || !(schemaName in schemas)) {
  console.error(`no components/schemas/${schemaName} in ${openapiPath}`);
  process.exit(2);
}
// OpenAPI's references into components become references into $defs of one schema.
const defs = JSON.parse(JSON.stringify(schemas).replaceAll("#/components/schemas/", "tenki#/$defs/"));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema({ $id: "tenki", $defs: defs });
const validate = ajv.compile({ $ref: `tenki#/$defs/${schemaName}` });
let failed = false;
for (const path of documents) {
  if (!validate(JSON.parse(readFileSync(path, "utf8")))) {
    failed = true;
    console.log(`${path}: ${ajv.errorsText(validate.errors)}`);
  }
}
process.exit(failed ? 1 : 0);
