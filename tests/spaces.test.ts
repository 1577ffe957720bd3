// Address spaces on the real MMU (issue 7, "Address spaces"): test=spaces at
// 128 MB and at 3 GB, where the odd spaces' directories, tables and pages lie
// above 1 GB -- 100 spaces with the same user addresses, each seeing only its
// own pages through CR3 and a kernel page mapped after them, an unmap's
// invlpg proved by a remap, the free count and the cache's counts back where
// they started -- and test=slab, the per-cache counts around 300 spaces.
// Each failing test prints the serial log of its boot.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { boot, type BootResult } from "../tools/run.js";
import { withLog } from "./lib/layoutreport.js";
import { limiter } from "./lib/limit.js";

let built: Promise<BuildResult>;
let out: string;
const limited = limiter(2);

before(() => {
  // Its own build directory: other test files build into theirs at the same time.
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-spaces-test-"));
  built = build({ out, log: () => {} });
});

after(() => rmSync(out, { recursive: true, force: true }));

const boots = new Map<string, Promise<BootResult>>();
type Loader = "qemu" | "grub" | "grub16";
function booted(memoryMB: number, append: string, loader: Loader = "qemu"): Promise<BootResult> {
  const key = `${loader} ${memoryMB} ${append}`;
  let p = boots.get(key);
  if (p === undefined) {
    p = built.then((b) => limited(() => boot({ image: b.image, boot: loader, memoryMB, append, timeoutSec: 60 })));
    boots.set(key, p);
  }
  return p;
}

/** The numbers of the one line matching `re` (a failure names the pattern). */
function numbers(serial: string, re: RegExp): number[] {
  const m = re.exec(serial);
  assert.ok(m, `a line matching ${re}`);
  return m.slice(1).map(Number);
}

/** QEMU's loader at two sizes, and GRUB's 32-bit and 16-bit entries at one. */
const RUNS: [Loader, number][] = [["qemu", 128], ["qemu", 3072], ["grub", 128], ["grub16", 128]];

describe("test=spaces: 100 address spaces, each with only its own user pages and the shared kernel half", () => {
  before(() => {
    // Both boots start now; the limiter runs them side by side.
    for (const [loader, mb] of RUNS) void booted(mb, "test=spaces", loader);
  });
  for (const [loader, mb] of RUNS) {
    it(`${loader}, ${mb} MB`, async () => {
      const r = await booted(mb, "test=spaces", loader);
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        assert.doesNotMatch(r.serial, /PANIC/);
        const [bootFree] = numbers(r.serial, /^frames: free: (\d+) pages/m);
        const [spaces, pages, dirs, tables, high] = numbers(
          r.serial,
          /^spaces: (\d+) created, (\d+) user pages each at 0x08000000 0x08401000 0x80000000 0xfffff000 \(one read-only\); above 1 GB: (\d+) directories, (\d+) tables, (\d+) user pages\r?$/m,
        );
        assert.equal(spaces, 100);
        assert.equal(pages, 4);
        if (mb === 3072) {
          assert.deepEqual([dirs, tables, high], [50, 200, 200], "the odd spaces are built from frames above 1 GB");
        } else {
          assert.deepEqual([dirs, tables, high], [0, 0, 0], "no RAM above 1 GB at 128 MB");
        }
        const seen = /^spaces: each of the (\d+) saw only its own pages through CR3, its writes in its own frames, and the kernel page at 0x([0-9a-f]{8}) mapped after they were created\r?$/m.exec(r.serial);
        assert.ok(seen, "the isolation line");
        assert.equal(Number(seen[1]), 100);
        const page = Number.parseInt(seen[2]!, 16);
        assert.ok(page >= 0x100000 && page < 0x08000000, `the kernel page ${seen[2]} is below KLIMIT`);
        const [remaps] = numbers(r.serial, /^spaces: in each, a page unmapped while it ran and mapped to a new frame read the new frame \(invlpg\), (\d+) times\r?$/m);
        assert.equal(remaps, 100);
        const [destroyed, freeBefore, freeAfter] = numbers(r.serial, /^spaces: (\d+) destroyed; free pages before (\d+) after (\d+)\r?$/m);
        assert.equal(destroyed, 100);
        assert.equal(freeBefore, bootFree, "nothing had taken a frame before the test");
        assert.equal(freeAfter, freeBefore, "every frame came back");
        const counts = numbers(
          r.serial,
          /^spaces: cache "address space": (\d+) in use in (\d+) slabs before, (\d+) in (\d+) with all created, (\d+) in (\d+) after \(its empty slab shrunk\)\r?$/m,
        );
        assert.deepEqual(counts, [0, 0, 100, 1, 0, 0], "the cache's counts came back");
        assert.match(r.serial, /^boot: done in /m, "the boot went on to the end");
      });
    });
  }
});

describe("test=slab: the per-cache counts", () => {
  it("qemu, 128 MB: address spaces in use, after all are destroyed, after the cache shrinks", async () => {
    const r = await booted(128, "test=slab");
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      const lines = [...r.serial.matchAll(/^slab: address space: (\d+) in use, (\d+) slabs of (\d+) objects of (\d+) bytes, (\d+) allocs, (\d+) frees, (\d+) failures\r?$/gm)];
      assert.equal(lines.length, 3, "three reports of the address-space cache");
      const [held, all, shrunk] = lines.map((m) => m.slice(1).map(Number));
      const perSlab = held![2]!;
      assert.ok(perSlab > 100 && perSlab <= 256, `objects per slab: ${perSlab}`);
      assert.equal(held![3], 16, "16-byte objects");
      assert.ok(held![1]! * perSlab >= 300 && (held![1]! - 1) * perSlab < 300, "as many slabs as 300 objects need");
      assert.deepEqual([held![0], held![4], held![5], held![6]], [150, 300, 150, 0], "150 in use after 300 allocs and 150 frees");
      assert.deepEqual([all![0], all![1], all![4], all![5], all![6]], [0, 1, 300, 300, 0], "all freed: one empty slab kept");
      assert.deepEqual([shrunk![0], shrunk![1], shrunk![4], shrunk![5]], [0, 0, 300, 300], "shrunk: no slab");
      // Every cache is in the report: run on the first thread, threads and processes have theirs.
      const threads = [...r.serial.matchAll(/^slab: thread: (\d+) in use, (\d+) slabs of \d+ objects of \d+ bytes, \d+ allocs, \d+ frees, 0 failures\r?$/gm)];
      assert.equal(threads.length, 3, "the thread cache in each report");
      assert.ok(threads.every((m) => Number(m[1]) >= 2), "the idle thread and the first thread at least");
      assert.equal([...r.serial.matchAll(/^slab: process: /gm)].length, 3, "the process cache in each report");
      const at = (s: string) => r.serial.indexOf(s);
      assert.ok(at("slab: 300 address spaces created, every other one destroyed:") >= 0 && at("slab: all destroyed:") > at("slab: 300 address spaces"), "the headings, in order");
    });
  });
});
