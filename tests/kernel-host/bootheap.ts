// kernel/mm/bootheap.ts: a bump allocator that never crosses its limit.

import { bootAlloc, bootHeapInit, bootHeapTop } from "../../kernel/mm/bootheap";
import { expect, expectU32, suite } from "./check";

const arena: Arr<u8, 256> = zeroed({ align: 16 });

export function testBootHeap(): void {
  suite("bootheap");
  const base = addr(arena);
  memset(base, 0xaa, 256);
  bootHeapInit(base, base + 3, base + 128);
  const a = bootAlloc(5, 4);
  expectU32(a, base + 4, "first allocation aligned up past the start offset");
  expect(ptr<u8>(a)[0] === 0 && ptr<u8>(a)[4] === 0, "allocations are zero-filled");
  expectU32(bootHeapTop(), base + 9, "top after the first allocation");
  const b = bootAlloc(16, 16);
  expectU32(b, base + 16, "16-byte alignment");
  expectU32(bootAlloc(200, 4), 0, "an allocation past the limit fails");
  expectU32(bootHeapTop(), base + 32, "a failed allocation leaves the top alone");
  expectU32(bootAlloc(96, 1), base + 32, "an allocation ending exactly at the limit succeeds");
  expectU32(bootAlloc(1, 1), 0, "a full heap refuses even one byte");
  expect(ptr<u8>(base + 128)[0] === 0xaa, "nothing written at or past the limit");
}
