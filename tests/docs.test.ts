// docs/layout.md's numbers come from a build (issue 6, point 8: they had
// drifted): its generated blocks must be exactly what tools/layoutdoc.ts
// makes of a fresh build and a 128 MB QEMU boot. If this fails after a
// change that moves the layout, run `npm run docs` and commit the result.

import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "../tools/build.js";
import { layoutDocBlocks, readmeLayoutBlock, withBlocks } from "../tools/layoutdoc.js";
import { ROOT } from "../tools/realmode.js";
import { boot } from "../tools/run.js";

it("docs/layout.md's generated tables and README.md's layout picture match a fresh build and boot (else: npm run docs)", async () => {
  const b = await build({ out: mkdtempSync(path.join(os.tmpdir(), "tsuki-docs-test-")), log: () => {} });
  const r = await boot({ image: b.image, memoryMB: 128, timeoutSec: 20 });
  assert.equal(r.outcome, "poweroff", r.message);
  const doc = readFileSync(path.join(ROOT, "docs", "layout.md"), "utf8");
  const blocks = layoutDocBlocks(b, r.serial);
  assert.deepEqual(Object.keys(blocks).sort(), ["boot_info", "file", "physical", "virtual"]);
  // Compare block by block, so a failure shows the stale table.
  const fresh = withBlocks(doc, blocks);
  for (const name of Object.keys(blocks)) {
    const cut = (t: string) => t.slice(t.indexOf(`<!-- generated:${name} `), t.indexOf(`<!-- end:${name} -->`));
    assert.equal(cut(doc), cut(fresh), `docs/layout.md's ${name} block is stale: run npm run docs`);
  }
  assert.match(blocks.physical!, /KiB of RAM remain available/, "the generator read the boot");
  // README's picture is `tsuki layout`'s text of the same boot.
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const picture = readmeLayoutBlock(b.image, r.serial);
  assert.match(picture, /The spec's layout rules: (\d+) of \1 hold/);
  const cutReadme = (t: string) => t.slice(t.indexOf("<!-- generated:layout "), t.indexOf("<!-- end:layout -->"));
  assert.ok(cutReadme(readme) !== "", "README.md has the generated layout block");
  assert.equal(cutReadme(readme), cutReadme(withBlocks(readme, { layout: picture }, "README.md")), "README.md's layout picture is stale: run npm run docs");
});
