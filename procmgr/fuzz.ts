// test=syscall-fuzz: 100,000 system calls with seeded random arguments
// (`fuzzseed=N` in the environment, else 1; the seed is printed). Arguments
// mix values that sit on the rules' edges (0, KLIMIT - 1, KLIMIT, 4 GiB - 1,
// small descriptors, misaligned addresses) with random words. Only what
// would end the test itself is fenced off: no ThreadExit or PowerOff, Send
// and Receive on descriptors that cannot be open (they would wait forever),
// ThreadCreate with a stack no thread can have, Map and Unmap inside a fuzz
// region (not over this program), ConsoleWrite from unmapped memory. Every
// result must be a documented one; afterwards every descriptor the calls
// opened is closed and the region unmapped, and a second run from the same
// seed must leave exactly as many free pages as the first.
// tsuki: optimize for size

import { SYS_COUNT, Sys } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print1, print4 } from "../lib/console";
import { ProgramArgs } from "../lib/start";
import { sysFreeMemory, sysUnmap, syscall } from "../lib/sys";
import { envNumber } from "../lib/start";

const CALLS: u32 = 100000;
const REGION: u32 = 0x40000000;
const REGION_PAGES: u32 = 0x1000;
const ERRORS: u32 = 10;

let state: u32 = 1;

function next(): u32 {
  // xorshift32 (Marsaglia): deterministic from the seed.
  let x = state;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state = x;
  return x;
}

const EDGES: Readonly<Arr<u32, 12>> = [0, 1, 4, 0x07ffffff, 0x08000000, 0x08048000, 0x7fffffff, 0x80000000, 0xfffff000, 0xffffffff, 0x100000, 256];

/** A random argument: an edge value, a small number, or any word. */
function arg(): u32 {
  const r = next();
  if ((r & 3) === 0) return EDGES[(r >>> 2) % 12];
  if ((r & 3) === 1) return (r >>> 2) & 0x1ff;
  return next();
}

/** An address in the fuzz region, page aligned or not. */
function inRegion(): u32 {
  const r = next();
  const page = REGION + ((r >>> 4) % REGION_PAGES) * 0x1000;
  return (r & 1) === 0 ? page : page + (r & 0xffc);
}

const counts: Arr<u32, 12> = zeroed();

/** One run of CALLS calls from `seed`, then the clean-up; the count of undocumented results. */
function run(seed: u32): u32 {
  state = seed;
  for (let k: u32 = 0; k <= ERRORS; k++) counts[k] = 0;
  let undocumented: u32 = 0;
  for (let i: u32 = 0; i < CALLS; i++) {
    let n = next() % (SYS_COUNT + 4);
    let b = arg();
    let c = arg();
    const d = arg();
    const e = arg();
    if (n === Sys.ThreadExit || n === Sys.PowerOff) n = Sys.Null;
    if (n === Sys.Send || n === Sys.Receive) b = 256 + (b & 0x7fffffff);
    if (n === Sys.ThreadCreate) c = (c | 2) & 0x0fffffff; // misaligned or below KLIMIT: never a thread
    if (n === Sys.ThreadJoin) b = 256 + (b & 0xffff); // no thread was made to join
    if (n === Sys.Map || n === Sys.Unmap) {
      b = inRegion();
      c = c & 0x3f;
    }
    if (n === Sys.ConsoleWrite) b = 0xe0000000 | (b & 0x0fffffff); // unmapped: nothing is printed
    const r = syscall(n, b, c, d, e);
    if (r >= 0) counts[0]++;
    else if (r >= -i32(ERRORS)) counts[u32(-r)]++;
    else undocumented++;
  }
  // Clean up: every descriptor the calls may have opened, and the region.
  for (let fd: u32 = 0; fd < 256; fd++) syscall(Sys.Close, fd, 0, 0, 0);
  for (let p: u32 = 0; p < REGION_PAGES + 64; p += 256) sysUnmap(REGION + p * 0x1000, 256);
  return undocumented;
}

/**
 * Two runs from the same seed: the first brings the kernel's object caches to
 * where the calls leave them (each keeps at most one empty slab), the second
 * must end with exactly as many free pages as the first.
 */
export function fuzzTest(a: ProgramArgs): bool {
  const t = "syscall-fuzz";
  const seed = envNumber(a, "fuzzseed=", 1);
  const before = sysFreeMemory();
  const first = run(seed === 0 ? 1 : seed);
  const afterFirst = sysFreeMemory();
  const second = run(seed === 0 ? 1 : seed);
  const after = sysFreeMemory();
  print4("test %s: seed %u, 2 x %u calls: %u succeeded", fmtStr(t), seed, CALLS, counts[0]);
  for (let k: u32 = 1; k <= ERRORS; k++) print1(", %u", counts[k]);
  print4(" by error -1..-10, %u undocumented; free pages %u before, %u after one run, %u after two\n", first + second, u32(before), u32(afterFirst), u32(after));
  if (first + second !== 0 || after !== afterFirst) {
    print1("test %s: FAIL\n", fmtStr(t));
    return false;
  }
  print1("test %s: ok\n", fmtStr(t));
  return true;
}
