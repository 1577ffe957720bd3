// The systems prelude: every name a Tsuki systems-TypeScript file can use
// without importing it. `tsc` type-checks kernel code against this file;
// `tsuki compile` gives each name its C meaning (docs/subset.md).
//
// Integer types are aliases of `number` (8 to 32 bits) and `bigint` (64 bits)
// so that ordinary TypeScript tooling understands them; the compiler reads the
// alias names from the declarations and gives them C widths.

/* eslint-disable no-var */
export {};

declare global {
  // ---- scalar types -------------------------------------------------------
  type u8 = number;
  type u16 = number;
  type u32 = number;
  type i8 = number;
  type i16 = number;
  type i32 = number;
  type u64 = bigint;
  type i64 = bigint;
  /** Same type as u32 on i386: sizes and addresses. */
  type usize = number;
  type bool = boolean;
  /** A string literal, passed as a NUL-terminated `const char *`. */
  type CStr = string;

  // ---- conversions (the only way to change an integer's type explicitly) ---
  // Each wraps modulo 2^width like a C cast; under Node they do the same.
  function u8(x: number | bigint | boolean): u8;
  function u16(x: number | bigint | boolean): u16;
  function u32(x: number | bigint | boolean): u32;
  function usize(x: number | bigint | boolean): usize;
  function i8(x: number | bigint | boolean): i8;
  function i16(x: number | bigint | boolean): i16;
  function i32(x: number | bigint | boolean): i32;
  function u64(x: number | bigint | boolean): u64;
  function i64(x: number | bigint | boolean): i64;

  // ---- aggregates -----------------------------------------------------------
  /** A fixed-size array of N elements stored in place (struct field, static
   *  storage). Struct elements are embedded; `a[i]` is a reference to one. */
  type Arr<T, N extends number> = T[] & { readonly __length?: N };
  /** A struct field stored in place instead of as a reference. */
  type Inline<T> = T & { readonly __inline?: true };
  /** Typed memory at an address: `p[i]` reads and writes element i. */
  interface Ptr<T> {
    [index: number]: T;
    readonly __ptr?: T;
  }
  /** A struct interface that extends Packed has no padding between fields. */
  interface Packed {
    readonly __packed?: true;
  }

  // ---- addresses, references, storage ------------------------------------
  /** The struct at `address`, as a reference. */
  function ref<T extends object>(address: usize): T;
  /** Typed memory starting at `address`. */
  function ptr<T>(address: usize): Ptr<T>;
  /** The address of a struct reference, array, pointer, lvalue or function. */
  function addr(x: unknown): usize;
  /** Static (module level) or stack (function level) storage, zero-filled. */
  function zeroed<T>(options?: { align?: number; section?: string }): T;
  /** Compile-time size and field offset of a type, in bytes. */
  function sizeOf<T>(): usize;
  function offsetOf<T>(field: keyof T): usize;
  /** Copies bytes / fills bytes, like C memcpy and memset. */
  function memcpy(dst: usize, src: usize, n: usize): void;
  function memset(dst: usize, value: u8, n: usize): void;
  /**
   * How many of the `count` u32 words from `address` on equal `value` before
   * the first one that differs (`count` if all do): `repe scasl`, one step
   * per word, for skipping long runs (empty page-table entries, a poisoned
   * stack) without a loop of compares.
   */
  function scanWords(address: usize, count: u32, value: u32): u32;
  /** Stores `value` in the `count` u32 words from `address` on: `rep stosl` (e.g. blank text-screen cells). */
  function fillWords(address: usize, count: u32, value: u32): void;

  // ---- volatile memory access (MMIO, memory shared with hardware) ----------
  function volatileLoad8(address: usize): u8;
  function volatileLoad16(address: usize): u16;
  function volatileLoad32(address: usize): u32;
  function volatileStore8(address: usize, value: u8): void;
  function volatileStore16(address: usize, value: u16): void;
  function volatileStore32(address: usize, value: u32): void;

  // ---- i386 instructions ----------------------------------------------------
  // Executed on the kernel and user targets. On the host target the privileged
  // ones (all but pause, rdtsc and cpuid, which run for real) are recorded in
  // the machine log instead: see "host target only" below.
  function outb(port: u16, value: u8): void;
  function outw(port: u16, value: u16): void;
  function outl(port: u16, value: u32): void;
  /** Writes the `count` bytes at `address` to `port`, in order: `rep outsb` (recorded once, with the count). */
  function outsb(port: u16, address: usize, count: u32): void;
  function inb(port: u16): u8;
  function inw(port: u16): u16;
  function inl(port: u16): u32;
  function cli(): void;
  function sti(): void;
  function hlt(): void;
  function pause(): void;
  function readCr0(): u32;
  function readCr2(): u32;
  function readCr3(): u32;
  function readCr4(): u32;
  function writeCr0(value: u32): void;
  function writeCr3(value: u32): void;
  function writeCr4(value: u32): void;
  function invlpg(address: usize): void;
  /** The 6-byte operand of lgdt/lidt. */
  interface DescriptorTablePointer extends Packed {
    limit: u16;
    base: u32;
  }
  function lgdt(table: DescriptorTablePointer): void;
  function lidt(table: DescriptorTablePointer): void;
  function ltr(selector: u16): void;
  /** Reloads CS with a far return, so the next instruction runs with it. */
  function loadCs(selector: u16): void;
  function loadDs(selector: u16): void;
  function loadEs(selector: u16): void;
  function loadFs(selector: u16): void;
  function loadGs(selector: u16): void;
  function loadSs(selector: u16): void;
  function rdtsc(): u64;
  interface CpuidResult {
    eax: u32;
    ebx: u32;
    ecx: u32;
    edx: u32;
  }
  function cpuid(leaf: u32, subleaf: u32, out: CpuidResult): void;
  function rdmsr(msr: u32): u64;
  function wrmsr(msr: u32, value: u64): void;

  // ---- host target only (tests of the compiler and of kernel logic) ---------
  /** Prints a value and a newline on stdout: integers in decimal, bools as
   *  true/false, strings as they are. */
  function print(value: number | bigint | boolean | string): void;
  /** Writes a string with no newline. */
  function write(text: CStr): void;

  // ---- host target only: the recorded machine -----------------------------
  // A module that uses the privileged instructions compiles unchanged for the
  // host, where each call is appended to the machine log instead of being
  // executed; a host test driver drives the module and inspects the log
  // (docs/subset.md, "Testing code near the hardware").

  /** One recorded instruction. */
  interface MachineCall {
    /** Which instruction: compare with machineOp("outb"). */
    op: u32;
    /** Its intrinsic's name, e.g. "outb" (for printing). */
    name: CStr;
    /** The port, address (invlpg), selector (ltr, loadCs...), MSR, or table
     *  base (lgdt, lidt); 0 for the others. */
    arg: u32;
    /** The value written or read (out*, in*, writeCr*, readCr*, wrmsr, rdmsr)
     *  or the table limit (lgdt, lidt); 0 for the others. */
    value: u64;
  }
  /** The code of a recorded instruction, named by a string literal: "outb", "readCr3", "lidt"... */
  function machineOp(name: CStr): u32;
  /** Number of instructions recorded since the start or the last machineReset(). */
  function machineLogLength(): u32;
  /** Entry `index` of the log (0 is the oldest); the program stops if there is none. */
  function machineLogEntry(index: u32): Readonly<MachineCall>;
  /** Empties the log, the values fed to ports, the control registers and the MSRs. */
  function machineReset(): void;
  /** Queues a value for in* from `port`: reads take the queued values in order,
   *  and the last one stays (a port nobody fed reads 0). */
  function machineFeedPort(port: u16, value: u32): void;
  /** Sets CR0, CR2, CR3 or CR4 (which read back what was last written or set; 0 at first). */
  function machineSetCr(n: u32, value: u32): void;
  /** Sets an MSR (which reads back what was last written or set; 0 at first). */
  function machineSetMsr(msr: u32, value: u64): void;
}
