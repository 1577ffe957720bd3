// The system-call ABI, shared by the kernel (kernel/syscall.ts) and the user
// library (lib/sys.ts): one source of truth for the call numbers and the
// error codes. docs/syscalls.md explains each.
//
// Registers: eax = the call number; ebx, esi, edi, ebp = arguments 1-4;
// the result in eax (>= 0, or a negative error below), a second result in
// ebx where a call has one. ecx and edx are not preserved: sysenter needs
// them for the return stack pointer and address.

export const enum Sys {
  Null = 0,
  ConsoleWrite = 1,
  ThreadExit = 2,
  Yield = 3,
  PowerOff = 4,
  FreeMemory = 5,
  ThreadCreate = 6,
  ThreadJoin = 7,
  Map = 8,
  Unmap = 9,
  EndpointCreate = 10,
  Send = 11,
  Receive = 12,
  Reply = 13,
  ReplyError = 14,
  Dup = 15,
  Close = 16,
  ProcessCreate = 17,
  Write = 18,
  Give = 19,
  ReplyReceive = 20,
}

/** Calls numbered this or higher are not the kernel's (reserved for user-defined messages). */
export const SYS_COUNT: u32 = 21;

export const enum SysError {
  /** The call number is not a call. */
  NoSuchCall = -1,
  /** A pointer is not entirely in [KLIMIT, 4 GiB), or a page of it is not mapped (or not writable). */
  BadAddress = -2,
  /** A size or count is out of the call's bounds. */
  BadSize = -3,
  /** The caller does not hold the right the call needs. */
  NotPermitted = -4,
  /** An argument that is not a pointer or a size is out of range. */
  BadArgument = -5,
  /** The kernel has no memory for what the call needs. */
  NoMemory = -6,
  /** The process's descriptor table is full. */
  NoDescriptor = -7,
  /** The descriptor is out of range, not open, or names another kind of object. */
  BadDescriptor = -8,
  /** A page of the range is mapped already. */
  AlreadyMapped = -9,
  /** The thread that was to reply ended, or the endpoint was closed, before the rendezvous. */
  PeerGone = -10,
}

/** The process argument of Map, ThreadCreate: the caller's own process. */
export const PROCESS_SELF: u32 = 0xffffffff;
/** The most bytes one Write copies (64 KiB: see MAP_PAGES_MAX). */
export const WRITE_MAX: u32 = 0x10000;

/** The most bytes of data one message (or one reply) carries. */
export const IPC_MESSAGE_MAX: u32 = 2048;

/** Map's one flag: the pages may be written (else they are read-only). */
export const MAP_WRITABLE: u32 = 1;
/**
 * The most pages one Map or Unmap takes (1 MiB). System calls run with
 * interrupts off from start to end: this bounds how long a call keeps the
 * CPU -- about 5 ms under QEMU's TCG, half a tick -- and a larger job is
 * several calls.
 */
export const MAP_PAGES_MAX: u32 = 256;
/**
 * Free pages user programs cannot take: what the kernel keeps for its own
 * objects (threads, tables), so that no program can starve it. FreeMemory
 * reports what is free beyond it.
 */
export const KERNEL_RESERVE_PAGES: u32 = 256;

/** The most bytes one ConsoleWrite takes. */
export const CONSOLE_WRITE_MAX: u32 = 4096;

// The auxiliary vector on a new program's stack (kernel/userstack.ts): the
// System V i386 ABI's types, and Tsuki's own in a range Linux does not use.
export const AT_NULL: u32 = 0;
export const AT_PHDR: u32 = 3;
export const AT_PHENT: u32 = 4;
export const AT_PHNUM: u32 = 5;
export const AT_PAGESZ: u32 = 6;
export const AT_ENTRY: u32 = 9;
/** The lowest address of the stack's mapped pages. */
export const AT_TSUKI_STACK_BASE: u32 = 0x74530001;
/** How to make system calls: SYSCALL_INT80 or SYSCALL_SYSENTER. */
export const AT_TSUKI_SYSCALL: u32 = 0x74530002;
/** Where the kernel copied the initrd (the boot loader's archive) in the process manager's memory, and its size; 0 without one. */
export const AT_TSUKI_INITRD: u32 = 0x74530003;
export const AT_TSUKI_INITRD_SIZE: u32 = 0x74530004;
export const SYSCALL_INT80: u32 = 0;
export const SYSCALL_SYSENTER: u32 = 1;
