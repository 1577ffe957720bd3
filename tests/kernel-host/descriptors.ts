// kernel/descriptors.ts: lowest free first, kinds kept apart, dup with its
// own cookie, close, and a full table.

import { DESCRIPTORS, DescKind, DescriptorTable, descriptorClose, descriptorDup, descriptorGet, descriptorKind, descriptorOpen, descriptorSet } from "../../kernel/descriptors";
import { expect, expectU32, suite } from "./check";

const table: DescriptorTable = zeroed();

export function testDescriptors(): void {
  suite("descriptors");
  expectU32(u32(descriptorOpen(table, DescKind.Endpoint, 0x1000, 7)), 0, "the first is 0");
  expectU32(u32(descriptorOpen(table, DescKind.Thread, 0x2000, 9)), 1, "then 1");
  expectU32(descriptorGet(table, 0, DescKind.Endpoint), 0x1000, "get by kind");
  expectU32(descriptorGet(table, 0, DescKind.Thread), 0, "another kind gives nothing");
  expectU32(descriptorGet(table, 1, DescKind.Endpoint), 0, "a thread is not an endpoint");
  expectU32(descriptorGet(table, 2, DescKind.Endpoint), 0, "a free descriptor gives nothing");
  expectU32(descriptorGet(table, DESCRIPTORS, DescKind.Endpoint), 0, "out of range gives nothing");
  expectU32(descriptorGet(table, 0xffffffff, DescKind.Endpoint), 0, "far out of range too");
  const d = descriptorDup(table, 0, 42);
  expectU32(u32(d), 2, "dup takes the lowest free");
  expectU32(descriptorGet(table, 2, DescKind.Endpoint), 0x1000, "the duplicate names the same object");
  expectU32(table.entries[2].cookie, 42, "with its own cookie");
  expectU32(table.entries[0].cookie, 7, "the original keeps its cookie");
  expect(descriptorClose(table, 0), "close");
  expect(!descriptorClose(table, 0), "closing twice is refused");
  expect(!descriptorClose(table, DESCRIPTORS), "closing out of range is refused");
  expectU32(u32(descriptorKind(table, 0)), u32(DescKind.Free), "closed: free");
  expectU32(u32(descriptorDup(table, 0, 1)), 0xffffffff, "a closed descriptor is not duplicated");
  expectU32(u32(descriptorOpen(table, DescKind.Thread, 0, 0)), 0, "a closed number is reused first");
  expectU32(descriptorGet(table, 0, DescKind.Thread), 0, "opened with a placeholder: names nothing yet");
  descriptorSet(table, 0, 0x3000, 5);
  expectU32(descriptorGet(table, 0, DescKind.Thread), 0x3000, "set");
  expectU32(table.used, 3, "three open");
  for (let i: u32 = 3; i < DESCRIPTORS; i++) descriptorOpen(table, DescKind.Endpoint, 0x4000, 0);
  expectU32(table.used, DESCRIPTORS, "full");
  expectU32(u32(descriptorOpen(table, DescKind.Endpoint, 0x5000, 0)), 0xffffffff, "a full table refuses");
  expectU32(u32(descriptorDup(table, 3, 0)), 0xffffffff, "and so does dup");
  expect(descriptorClose(table, 100), "close one");
  expectU32(u32(descriptorOpen(table, DescKind.Endpoint, 0x5000, 0)), 100, "its number comes back");
}
