// Rules for the setup header (Linux/x86 boot protocol 2.04), shared by
// `tsuki image` (which checks the header that boot.S and setup16 carry before
// it assembles anything) and `tsuki inspect` (which checks a built image).
// Each problem names the field, its value and what was expected.

import {
  BOOT_FLAG, DEFINED_LOADFLAGS, HDRS, HEADER_END, IMAGE_START, JUMP, KERNEL_VERSION_MAX, KLIMIT, LOADED_HIGH, LOADER_FIELDS,
  LOADER_LOADFLAGS, MAX_SETUP_SECTS, PROTOCOL_VERSION, hdr, hex, readField,
} from "./bootproto.js";

export interface HeaderCheck {
  problems: string[];
  /** The kernel_version string, if it points at one. */
  kernelVersion?: string;
}

/**
 * initrd_addr_max against the image: `kernelRegionTop` is where the kernel
 * region ends on every boot (tools/kernelrules.ts). Loaders put the initrd as
 * high as they can below initrd_addr_max, so it must leave room above the
 * kernel region, and stay below KLIMIT, where the kernel maps it 1:1.
 */
export function checkInitrdAddrMax(buf: Buffer, kernelRegionTop: number): string[] {
  const max = readField(buf, 0, hdr("initrd_addr_max"));
  if (max >= kernelRegionTop && max <= KLIMIT - 1) return [];
  return [`initrd_addr_max = ${hex(max)}, expected between kernel_region_top ${hex(kernelRegionTop)} (an initrd below it would overlap the kernel region) and KLIMIT - 1 ${hex(KLIMIT - 1)} (the kernel maps the initrd 1:1 below KLIMIT)`];
}

/** Checks the header in `buf` (an image, or the boot sector followed by setup16), whose real-mode part is `rmSize` bytes. */
export function checkSetupHeader(buf: Buffer, rmSize: number): HeaderCheck {
  const p: string[] = [];
  const h = (name: string) => readField(buf, 0, hdr(name));
  // The magic numbers and version every loader checks first.
  if (h("boot_flag") !== BOOT_FLAG) p.push(`boot_flag = ${hex(h("boot_flag"), 4)}, expected 0xaa55`);
  if (h("header") !== HDRS) p.push(`header = ${hex(h("header"))} (${JSON.stringify(buf.toString("latin1", 0x202, 0x206))}), expected 0x53726448 ("HdrS")`);
  if (h("version") !== PROTOCOL_VERSION) p.push(`version = ${hex(h("version"), 4)}, expected 0x0204`);
  if (h("jump") !== JUMP) p.push(`jump = ${buf.subarray(0x200, 0x202).toString("hex")} at 0x200, expected eb 2e (to the setup entry at 0x230)`);
  const flags = h("loadflags");
  if ((flags & LOADED_HIGH) === 0) p.push(`loadflags = ${hex(flags, 2)} lacks LOADED_HIGH (0x01): loaders would not put the kernel at 0x100000`);
  if ((flags & ~DEFINED_LOADFLAGS & 0xff) !== 0) p.push(`loadflags = ${hex(flags, 2)} has bits ${hex(flags & ~DEFINED_LOADFLAGS & 0xff, 2)} that boot protocol 2.04 does not define`);
  if ((flags & 0x02) !== 0) p.push(`loadflags = ${hex(flags, 2)} has KASLR_FLAG (0x02), which only a kernel sets, at run time`);
  if ((flags & LOADER_LOADFLAGS) !== 0) p.push(`loadflags = ${hex(flags, 2)} has loader bits ${hex(flags & LOADER_LOADFLAGS, 2)} (QUIET_FLAG 0x20, KEEP_SEGMENTS 0x40, CAN_USE_HEAP 0x80): only the boot loader sets them, expected 0 in the image`);
  if (h("code32_start") !== IMAGE_START) p.push(`code32_start = ${hex(h("code32_start"))}, expected ${hex(IMAGE_START)}`);
  if (h("setup_sects") > MAX_SETUP_SECTS) p.push(`setup_sects = ${h("setup_sects")}, expected at most ${MAX_SETUP_SECTS} (GRUB's limit)`);
  for (const name of LOADER_FIELDS) {
    if (h(name) !== 0) p.push(`${name} = ${hex(h(name), hdr(name).size * 2)}, expected 0: the boot loader writes it; a value in the image reaches the kernel as if the loader had set it`);
  }

  // kernel_version: offset - 0x200 of a NUL-terminated, printable string in the setup code.
  const kv = h("kernel_version");
  const at = 0x200 + kv;
  const end = at >= HEADER_END && at < Math.min(rmSize, buf.length) ? buf.indexOf(0, at) : -1;
  const text = end > at && end < rmSize ? buf.toString("latin1", at, end) : undefined;
  if (text === undefined || text.length > KERNEL_VERSION_MAX || !/^[\x20-\x7e]+$/.test(text)) {
    p.push(`kernel_version = ${hex(kv, 4)} points at ${hex(at, 4)}, expected the offset (minus 0x200) of a NUL-terminated string of 1 to ${KERNEL_VERSION_MAX} printable characters in the setup code [0x230, ${hex(rmSize, 4)})`);
    return { problems: p };
  }
  return { problems: p, kernelVersion: text };
}
