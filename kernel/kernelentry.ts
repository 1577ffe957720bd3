// The kernel ELF at kernel_start, as setup32 checks it before calling its
// entry point. Pure and Node-safe (the image tools run it too: one rule),
// and small: setup32 shares its page with its stack.


export const ELF_MAGIC_WORD: u32 = 0x464c457f; // "\x7fELF" read as a little-endian u32
/** Where e_entry is in an ELF32 header. */
export const ELF_ENTRY_OFFSET: u32 = 0x18;

export const enum KernelEntryProblem {
  Ok = 0,
  NoElf,
  EntryOutside,
}

export const KERNEL_ENTRY_PROBLEMS: readonly CStr[] = [
  "ok",
  "no ELF file at kernel_start",
  "kernel entry point outside the kernel file",
];

/** Is there an ELF file at kernel_start whose entry point lies inside it? (`magic` and `entry`: its first word and e_entry.) */
export function kernelEntryProblem(kernelStart: u32, kernelSize: u32, magic: u32, entry: u32): KernelEntryProblem {
  if (magic !== ELF_MAGIC_WORD) return KernelEntryProblem.NoElf;
  if (entry < kernelStart || u64(entry) >= u64(kernelStart) + u64(kernelSize)) return KernelEntryProblem.EntryOutside;
  return KernelEntryProblem.Ok;
}
