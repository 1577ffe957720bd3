// kernel/userstack.ts: the System V i386 initial stack, read back word by
// word as a program's start-up code would, and refused when it does not fit.

import { bytesEqual } from "../../kernel/cstr";
import { AT_ENTRY, AT_NULL, AT_PAGESZ } from "../../kernel/abi";
import { StackContents, StackImage, stackBuild } from "../../kernel/userstack";
import { expect, expectU32, literalAddress, suite } from "./check";

const buffer: Arr<u8, 4096> = zeroed({ align: 16 });
const argv: Arr<u32, 4> = zeroed();
const envp: Arr<u32, 4> = zeroed();
const aux: Arr<u32, 8> = zeroed();
const USER_BASE: u32 = 0xfffed000;

/** The word at user address `va` of the image. */
function at(va: u32): u32 {
  return ptr<u32>(addr(buffer) + (va - USER_BASE))[0];
}

/** True if the user pointer `va` names the string `s` in the image. */
function names(va: u32, s: CStr): bool {
  if (va < USER_BASE || va >= USER_BASE + 4096) return false;
  const k = addr(buffer) + (va - USER_BASE);
  let n: u32 = 0;
  while (ptr<u8>(k)[n] !== 0 && n < 4096) n++;
  return bytesEqual(k, n, s);
}

export function testUserStack(): void {
  suite("userstack");
  memset(addr(buffer), 0xcc, 4096);
  const img: StackImage = zeroed();
  img.kernelBase = addr(buffer);
  img.userBase = USER_BASE;
  img.size = 4096;
  argv[0] = literalAddress("procmgr");
  argv[1] = literalAddress("-v");
  envp[0] = literalAddress("test=ipc");
  aux[0] = AT_PAGESZ;
  aux[1] = 4096;
  aux[2] = AT_ENTRY;
  aux[3] = 0x08048080;
  const c: StackContents = zeroed();
  c.argv = ptr<u32>(addr(argv));
  c.argc = 2;
  c.envp = ptr<u32>(addr(envp));
  c.envc = 1;
  c.aux = ptr<u32>(addr(aux));
  c.auxCount = 2;
  const sp = stackBuild(img, c);
  expect(sp !== 0, "the stack fits");
  expectU32(sp & 0xf, 0, "the stack pointer is 16-byte aligned");
  expect(sp >= USER_BASE && sp < USER_BASE + 4096, "inside the image");
  expectU32(at(sp), 2, "argc");
  expect(names(at(sp + 4), "procmgr"), "argv[0]");
  expect(names(at(sp + 8), "-v"), "argv[1]");
  expectU32(at(sp + 12), 0, "argv ends with 0");
  expect(names(at(sp + 16), "test=ipc"), "envp[0]");
  expectU32(at(sp + 20), 0, "envp ends with 0");
  expectU32(at(sp + 24), AT_PAGESZ, "auxv[0].type");
  expectU32(at(sp + 28), 4096, "auxv[0].value");
  expectU32(at(sp + 32), AT_ENTRY, "auxv[1].type");
  expectU32(at(sp + 36), 0x08048080, "auxv[1].value");
  expectU32(at(sp + 40), AT_NULL, "auxv ends with AT_NULL");
  expectU32(at(sp + 44), 0, "and its value 0");
  // The strings are the last bytes of the stack, argv's first.
  const top = USER_BASE + 4096;
  expectU32(at(sp + 4), top - (8 + 3 + 9), "argv[0] starts the string area");
  expect(names(top - 9, "test=ipc"), "the environment string ends at the top");
  // Padding between the vector and the strings is zero, not the old 0xcc.
  let junk: u32 = 0;
  for (let va = sp + 48; va < top - 20; va++) if (ptr<u8>(addr(buffer) + (va - USER_BASE))[0] !== 0) junk++;
  expectU32(junk, 0, "no leftover bytes between the vector and the strings");

  // Too small: refused, whatever the sizes add up to.
  img.size = 48;
  img.userBase = USER_BASE + 4096 - 48;
  img.kernelBase = addr(buffer) + 4096 - 48;
  expectU32(stackBuild(img, c), 0, "a stack that does not fit is refused");
  img.size = 0;
  expectU32(stackBuild(img, c), 0, "an empty image is refused");
  c.argc = 0;
  c.envc = 0;
  c.auxCount = 0;
  img.size = 32;
  img.userBase = USER_BASE + 4096 - 32;
  img.kernelBase = addr(buffer) + 4096 - 32;
  const small = stackBuild(img, c);
  expect(small !== 0, "no arguments, no environment: 5 words fit in 32 bytes");
  expectU32(at(small), 0, "argc 0");
  expectU32(at(small + 4), 0, "argv is just its 0");
  expectU32(at(small + 8), 0, "envp is just its 0");
  expectU32(at(small + 12), AT_NULL, "auxv is just AT_NULL");
  img.size = 20;
  img.userBase = USER_BASE + 4096 - 20;
  img.kernelBase = addr(buffer) + 4096 - 20;
  expectU32(stackBuild(img, c), 0, "20 bytes hold the 5 words, but not once the pointer is aligned: refused");
}
