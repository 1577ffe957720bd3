// kernel/cmdline.ts: options are whole, space-separated words.

import { hasOption } from "../../kernel/cmdline";
import { expect, literalAddress, suite } from "./check";

export function testCmdline(): void {
  suite("cmdline");
  const grub = literalAddress("BOOT_IMAGE=/boot/tsuki.img test=nullread");
  expect(hasOption(grub, "test=nullread"), "last word found");
  expect(hasOption(grub, "BOOT_IMAGE=/boot/tsuki.img"), "first word found");
  expect(!hasOption(grub, "test=null"), "a prefix of a word is not the word");
  expect(!hasOption(grub, "test=nullreadx"), "a longer word is not the word");
  expect(!hasOption(literalAddress("xtest=nullread"), "test=nullread"), "a suffix of a word is not the word");
  expect(!hasOption(literalAddress(""), "test=nullread"), "empty line");
  expect(!hasOption(literalAddress("   "), "test=nullread"), "only spaces");
  expect(hasOption(literalAddress("  a \t test=nullread  \n"), "test=nullread"), "tabs, runs of spaces, trailing newline");
}
