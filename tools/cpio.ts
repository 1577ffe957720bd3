// The initrd's archive format: cpio "newc" (SVR4 without CRC, the format the
// Linux kernel unpacks and `cpio -H newc` writes), written deterministically
// (inode numbers in order, mtime 0, owner 0) so that an unchanged tree gives
// the same bytes. Each entry: a 110-byte ASCII header ("070701" and 13
// eight-digit hex fields), the NUL-terminated name, padding to 4 bytes, the
// data, padding to 4 bytes; the archive ends with the entry "TRAILER!!!".
// The process manager reads it with the same layout (procmgr/initrd.ts).

export interface CpioFile {
  name: string;
  data: Buffer;
}

const MAGIC = "070701";
const REGULAR_FILE = 0o100644;

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function entry(ino: number, name: string, mode: number, data: Buffer): Buffer {
  const nameBytes = Buffer.from(`${name}\0`, "latin1");
  const fields = [ino, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0];
  const header = MAGIC + fields.map((f) => f.toString(16).padStart(8, "0")).join("");
  return Buffer.concat([
    Buffer.from(header, "latin1"),
    nameBytes,
    Buffer.alloc(pad4(header.length + nameBytes.length)),
    data,
    Buffer.alloc(pad4(data.length)),
  ]);
}

/** An archive of `files`, in the order given. */
export function writeCpio(files: CpioFile[]): Buffer {
  for (const f of files) {
    if (f.name === "" || f.name.includes("\0")) throw new Error(`cpio: bad file name ${JSON.stringify(f.name)}`);
  }
  return Buffer.concat([...files.map((f, i) => entry(i + 1, f.name, REGULAR_FILE, f.data)), entry(0, "TRAILER!!!", 0, Buffer.alloc(0))]);
}

/** The files of a newc archive (for tests and `tsuki inspect`): a clear error on anything malformed. */
export function readCpio(archive: Buffer): CpioFile[] {
  const files: CpioFile[] = [];
  let at = 0;
  for (;;) {
    if (at + 110 > archive.length) throw new Error(`cpio: truncated header at offset ${at}`);
    const header = archive.toString("latin1", at, at + 110);
    if (!header.startsWith(MAGIC)) throw new Error(`cpio: no newc magic at offset ${at}`);
    const field = (i: number) => Number.parseInt(header.slice(6 + 8 * i, 14 + 8 * i), 16);
    const size = field(6);
    const nameSize = field(11);
    const nameAt = at + 110;
    const dataAt = nameAt + nameSize + pad4(110 + nameSize);
    if (nameSize < 1 || dataAt + size > archive.length) throw new Error(`cpio: entry at offset ${at} runs past the archive`);
    const name = archive.toString("latin1", nameAt, nameAt + nameSize - 1);
    if (name === "TRAILER!!!") return files;
    files.push({ name, data: archive.subarray(dataAt, dataAt + size) });
    at = dataAt + size + pad4(size);
  }
}
