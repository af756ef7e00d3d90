#!/usr/bin/env node
// JSON Schema conformance: every schema of the JSON-Schema-Test-Suite's
// required tests (tests/draft4 and tests/draft2020-12, not optional/) is
// compiled with `atgc -x jsonschema` into validator.ts, transpiled in one
// batch, and every test case is run under Node against its expected `valid`.
// Remote $refs are served from the suite's remotes/ folder (-map-uri), never
// the network.  All validators are also type-checked by one tsc --strict run.
//
// Prints per-dialect figures and "jsonschema: N passed, N failed": passed
// counts test cases that passed; failed counts dialects below their target,
// compiler crashes, tests failing that expected-failures.txt does not list
// (regressions), and a failed type check.  tests/jsonschema/local/<dialect>/
// holds atgc's own cases in the same format, which must all pass.  A missing
// suite prints why and
// "jsonschema: 0 passed, 0 failed".
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn, spawnSync } = require("child_process");

const root = path.resolve(__dirname, "../..");
const suite = process.env.JSON_SCHEMA_TEST_SUITE || path.resolve(root, "../shared/conformance/JSON-Schema-Test-Suite");
const work = path.join(root, "build/jsonschema");
const atgc = path.join(root, "atgc");
const ts = require(path.join(root, "tools/node/node_modules/typescript"));
const dialects = [
	{ dir: "draft4", std: "draft4", target: 99 },
	{ dir: "draft2020-12", std: "2020-12", target: 95 },
];
for (const d of dialects) d.path = path.join(suite, "tests", d.dir);
// atgc's own cases in the suite's format (tests/jsonschema/local/<dialect>/): the
// dialects the suite folder lacks, and bugs found; every one must pass
for (const std of fs.readdirSync(path.join(__dirname, "local")).sort())
	dialects.push({ dir: "local/" + std, std, target: 100, path: path.join(__dirname, "local", std) });
// JSONSCHEMA_OPTIONAL=1 also measures optional/ (and optional/format/): figures only, never failures
if (process.env.JSONSCHEMA_OPTIONAL)
	for (const d of dialects.filter((x) => !x.dir.startsWith("local/")))
		for (const sub of ["optional", "optional/format"])
			dialects.push({ dir: d.dir + "/" + sub, std: d.std, target: 0, optional: true, path: path.join(d.path, sub) });

if (!fs.existsSync(path.join(suite, "tests"))) {
	console.log(`jsonschema: skipped: no JSON-Schema-Test-Suite at ${suite} (clone it there, or set JSON_SCHEMA_TEST_SUITE)`);
	console.log("jsonschema: 0 passed, 0 failed");
	process.exit(0);
}

// dialect <TAB> file <TAB> group description <TAB> test description <TAB> reason
const expected = new Map();
for (const line of fs.readFileSync(path.join(__dirname, "expected-failures.txt"), "utf8").split("\n")) {
	if (!line.trim() || line.startsWith("#")) continue;
	const f = line.split("\t");
	if (f.length < 5) throw new Error("expected-failures.txt: five tab-separated fields needed: " + line);
	expected.set(f.slice(0, 4).join("\t"), f[4]);
}

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

// ---- compile every schema (a few atgc processes at a time)
const jobs = [];
for (const d of dialects) {
	const dir = d.path;
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
		const groups = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
		groups.forEach((g, i) => {
			const out = path.join(work, d.dir, file.replace(/\.json$/, ""), String(i));
			fs.mkdirSync(out, { recursive: true });
			fs.writeFileSync(path.join(out, "schema.json"), JSON.stringify(g.schema));
			jobs.push({ d, file, g, out });
		});
	}
}

function compile(job) {
	return new Promise((resolve) => {
		const args = ["-x", "jsonschema", "schema.json", "-std=" + job.d.std, "-map-uri=http://localhost:1234/=" + path.join(suite, "remotes"),
			"-o", ".", "-fdiagnostics-color=never"];
		const p = spawn(atgc, args, { cwd: job.out, stdio: ["ignore", "ignore", "pipe"] });
		let err = "";
		p.stderr.on("data", (c) => (err += c));
		const timer = setTimeout(() => p.kill("SIGKILL"), 20000);
		p.on("close", (code, signal) => {
			clearTimeout(timer);
			job.status = signal ? 128 : code;
			job.stderr = err;
			resolve();
		});
	});
}

async function main() {
	let next = 0;
	const workers = Array.from({ length: 4 }, async () => {
		while (next < jobs.length) await compile(jobs[next++]);
	});
	await Promise.all(workers);

	// ---- one tsc --strict over every validator
	const files = jobs.filter((j) => j.status === 0).map((j) => path.join(j.out, "validator.ts"));
	fs.writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify({
		compilerOptions: { target: "ES2022", lib: ["ES2022"], module: "commonjs", strict: true, noUncheckedIndexedAccess: true,
			isolatedModules: true, noEmit: true, skipLibCheck: true, types: [] },
		files,
	}));
	let typeok = true;
	if (!process.env.JSONSCHEMA_NO_TSC) {
		const tsc = spawnSync(path.join(root, "tools/node/node_modules/.bin/tsc"), ["-p", path.join(work, "tsconfig.json")], { encoding: "utf8" });
		typeok = tsc.status === 0;
		if (!typeok) console.log("jsonschema: FAIL tsc --strict on the validators:\n" + (tsc.stdout + tsc.stderr).split("\n").slice(0, 20).join("\n"));
	}

	// ---- run every test case
	let failed = typeok ? 0 : 1, passed = 0;
	const unexpectedPass = [];
	for (const d of dialects) {
		let n = 0, ok = 0;
		for (const job of jobs.filter((j) => j.d === d)) {
			let validate = null, why = "";
			if (job.status === 0) {
				const src = fs.readFileSync(path.join(job.out, "validator.ts"), "utf8");
				const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
				const m = { exports: {} };
				try {
					new Function("module", "exports", "require", js)(m, m.exports, require);
					validate = m.exports.validate;
				} catch (x) {
					why = "module threw: " + x.message;
				}
			} else {
				why = job.status >= 2 ? `atgc exit ${job.status}` : "atgc rejected the schema: " + job.stderr.split("\n")[0];
				if (job.status >= 2) {
					failed++;
					console.log(`jsonschema: FAIL atgc exit ${job.status} on ${d.dir}/${job.file} "${job.g.description}"\n${job.stderr.split("\n").slice(0, 5).join("\n")}`);
				}
			}
			for (const t of job.g.tests) {
				n++;
				let got, res = why;
				if (validate) {
					try {
						got = validate(t.data);
					} catch (x) {
						res = "threw: " + x.message;
					}
				}
				const key = [d.dir, job.file, job.g.description, t.description].join("\t");
				if (got === t.valid) {
					ok++;
					if (expected.has(key)) unexpectedPass.push(key);
					continue;
				}
				if (d.optional) {
					if (process.env.JSONSCHEMA_OPTIONAL === "v")
						console.log(`jsonschema: optional ${d.dir}/${job.file}: ${job.g.description} / ${t.description}: ` + (res || `validate returned ${got}, want ${t.valid}`));
					continue;
				}
				if (!expected.has(key)) {
					failed++;
					console.log(`jsonschema: FAIL ${d.dir}/${job.file}: ${job.g.description} / ${t.description}: ` +
						(res || `validate returned ${got}, want ${t.valid}`) + ` (${job.out})`);
				}
			}
		}
		d.figure = `${d.dir} ${ok}/${n} passed (${(100 * ok / n).toFixed(1)}%)`;
		if (d.optional) continue;
		passed += ok;
		if (100 * ok / n < d.target) {
			failed++;
			console.log(`jsonschema: FAIL ${d.dir} below its target of ${d.target}%`);
		}
	}
	for (const k of unexpectedPass)
		console.log("jsonschema: note: now passes, remove from expected-failures.txt: " + k.replace(/\t/g, " / "));
	console.log("jsonschema: " + dialects.map((d) => d.figure).join(", "));
	console.log(`jsonschema: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}
main();
