// Valid HTML: the Nu HTML Checker over every generated page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { SITE_DIR } from "./harness.js";

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");

test("the Nu HTML Checker reports no error on any page", () => {
  const r = spawnSync("java", ["-jar", VNU, "--errors-only", "--skip-non-html", "--format", "json", SITE_DIR], { encoding: "utf8", maxBuffer: 1 << 28 });
  assert.notEqual(r.status, null, `vnu did not run: ${r.error}`);
  const messages = JSON.parse(r.stderr || "{\"messages\":[]}").messages.filter((m) => m.type === "error");
  const lines = messages.slice(0, 50).map((m) => `${m.url.replace("file:" + SITE_DIR, "")}:${m.lastLine}: ${m.message}`);
  assert.equal(messages.length, 0, `${messages.length} errors:\n${lines.join("\n")}`);
});
