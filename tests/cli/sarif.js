// Checks one -fdiagnostics-format=sarif log against the published SARIF
// 2.1.0 schema (pinned in tools/node: @microsoft/jest-sarif ships it, a
// draft-04 schema, checked with ajv-draft-04 and ajv-formats), and against
// the text diagnostics of the same run: one result per error or warning,
// the notes as related locations, each with the text's file, line and column.
//   node sarif.js NODE_MODULES LOG.sarif TEXT.err   -> exit 0, or 1 with the reasons
//   node sarif.js NODE_MODULES LOG.json --invalid   -> exit 0 when the schema rejects LOG
//   node sarif.js NODE_MODULES LOG.sarif --valid-only -> exit 0 when the schema accepts LOG (results without a
//                                                       place: a failed gate, a usage error)
"use strict";
const fs = require("fs");
const path = require("path");
const [nm, logfile, textfile] = process.argv.slice(2);
const Ajv = require(path.join(nm, "ajv-draft-04"));
const addFormats = require(path.join(nm, "ajv-formats"));
const schema = require(path.join(nm, "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"));
// unicodeRegExp: false, as the schema's own pattern for "language" is not valid under the u flag
const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: false});
addFormats(ajv);
const validate = ajv.compile(schema);
const log = JSON.parse(fs.readFileSync(logfile, "utf8"));
const valid = validate(log);
if (textfile === "--invalid") {
	if (valid) {
		console.log("the schema accepted a log it must reject");
		process.exit(1);
	}
	process.exit(0);
}
if (textfile === "--valid-only") {
	if (!valid) {
		for (const e of validate.errors) console.log(`schema: ${e.instancePath} ${e.message}`);
		process.exit(1);
	}
	process.exit(0);
}
const bad = [];
if (!valid)
	for (const e of validate.errors) bad.push(`schema: ${e.instancePath} ${e.message}`);
const text = fs.readFileSync(textfile, "utf8").split("\n")
	.map((l) => /^(.*?):(\d+):(\d+): (error|warning|note): (.*?)( \[-W(?:error=)?([a-z-]+)\])?$/.exec(l))
	.filter(Boolean)
	.map((m) => ({file: m[1], line: +m[2], col: +m[3], level: m[4], msg: m[5], rule: m[7]}));
const results = log.runs[0].results;
const flat = [];
for (const r of results) {
	const loc = r.locations[0].physicalLocation;
	flat.push({file: decodeURI(loc.artifactLocation.uri), line: loc.region.startLine, col: loc.region.startColumn,
		level: r.level, msg: r.message.text, rule: r.ruleId});
	for (const n of r.relatedLocations || []) {
		const p = n.physicalLocation;
		flat.push({file: decodeURI(p.artifactLocation.uri), line: p.region.startLine, col: p.region.startColumn,
			level: "note", msg: n.message.text, rule: undefined});
	}
}
if (flat.length !== text.length)
	bad.push(`${flat.length} diagnostics in the log, ${text.length} in the text`);
for (let i = 0; i < Math.min(flat.length, text.length); i++)
	if (JSON.stringify(flat[i]) !== JSON.stringify(text[i]))
		bad.push(`log ${JSON.stringify(flat[i])} != text ${JSON.stringify(text[i])}`);
const rules = log.runs[0].tool.driver.rules;
for (const r of results)
	if (r.ruleId !== undefined && rules[r.ruleIndex].id !== r.ruleId)
		bad.push(`ruleIndex ${r.ruleIndex} is not ${r.ruleId}`);
if (bad.length) {
	console.log(bad.join("\n"));
	process.exit(1);
}
