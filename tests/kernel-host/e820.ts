// kernel/mm/e820.ts: is a range RAM by the raw firmware table? (setup32 asks
// before it writes the boot heap and stack above the image.)

import { E820Entry, E820_ENTRY_SIZE } from "../../kernel/bootinfo";
import { e820IsRam } from "../../kernel/mm/e820";
import { expect, suite } from "./check";

const table: Arr<u8, 400> = zeroed({ align: 8 });
let count: u32 = 0;

function reset(): void {
  count = 0;
}

function entry(base: u64, length: u64, type: u32): void {
  const e = ref<E820Entry>(addr(table) + count * E820_ENTRY_SIZE);
  e.base = base;
  e.length = length;
  e.type = type;
  count++;
}

/** [1 MiB, 1 MiB + 0x19000): image, e820 copy and boot area at 128 MB. */
function bootArea(): bool {
  return e820IsRam(addr(table), count, 0x100000n, 0x119000n);
}

export function testE820(): void {
  suite("e820");
  reset();
  entry(0n, 0x9fc00n, 1);
  entry(0x100000n, 0x7ee0000n, 1);
  entry(0xfffc0000n, 0x40000n, 2);
  expect(bootArea(), "QEMU's map: one RAM entry holds the boot area");
  expect(!e820IsRam(addr(table), count, 0x9f000n, 0xa1000n), "not RAM across the end of low memory");
  expect(!e820IsRam(addr(table), count, 0x100000n, 0x100000n), "an empty range is not RAM");

  reset();
  entry(0x110000n, 0x1000000n, 1);
  entry(0x100000n, 0x10000n, 1);
  expect(bootArea(), "RAM split in two touching entries, given out of order");

  reset();
  entry(0x100000n, 0x8000n, 1);
  entry(0x104000n, 0x20000n, 1);
  expect(bootArea(), "RAM in two overlapping entries");

  reset();
  entry(0x100000n, 0x8000n, 1);
  entry(0x109000n, 0x20000n, 1);
  expect(!bootArea(), "a hole between two RAM entries");

  reset();
  entry(0x100000n, 0x7ee0000n, 1);
  entry(0x10c000n, 0x1000n, 2);
  expect(!bootArea(), "a reserved entry inside the RAM entry");

  reset();
  entry(0x100000n, 0x7ee0000n, 1);
  entry(0x118fffn, 0x10n, 4);
  expect(!bootArea(), "ACPI NVS overlapping the last page");
  reset();
  entry(0x100000n, 0x7ee0000n, 1);
  entry(0x119000n, 0x1000n, 2);
  expect(bootArea(), "a reserved entry right after the range does not count");

  reset();
  entry(0x100000n, 0n, 1);
  entry(0x100000n, 0x8000n, 1);
  expect(!bootArea(), "a zero-length RAM entry covers nothing");

  reset();
  entry(0n, 0x9fc00n, 1);
  entry(0x100000000n, 0x20000000n, 1);
  expect(!bootArea(), "no RAM above 1 MiB below 4 GiB (only above 4 GiB)");

  reset();
  expect(!bootArea(), "an empty map");

  reset();
  entry(0x100000n, 0xffffffffffffffffn, 1);
  expect(bootArea(), "an entry wrapping past 2^64 still covers what it starts at");
}
