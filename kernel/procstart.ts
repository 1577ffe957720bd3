// Starting the process manager, the first user program: its ELF (placed at
// proc_start by the image tool) loaded into a process of its own with the
// right to power off, its arguments and environment from the kernel command
// line, and its first thread in ring 3. The kernel's first thread then waits
// for that thread: the process manager ends a run by powering off, so a
// thread that ends instead is a failure the kernel reports.
//
// The command line: the kernel owns `loglevel=` (not passed on); every other
// word goes to the process manager, `key=value` words as its environment,
// the rest as its arguments after argv[0] = "procmgr". `test=NAME` words are
// both the kernel's test modes and the process manager's tests: both see them.
// tsuki: optimize for size

import { BootInfo, CMDLINE_MAX } from "./bootinfo";
import { bytesEqual } from "./cstr";
import { fmtStr, hi64, lo64 } from "./format";
import { ELF_PROBLEMS } from "./elf";
import { INITRD_VA, LOAD_RESULTS, LoadResult, Loaded, loadProgram } from "./elfload";
import { PAGE_SIZE } from "./layout";
import { kernelPageAlloc, kernelPageFree } from "./mm/kpages";
import { LogLevel, log1, log2, log4, log8 } from "./log";
import { BootCost, bootCostCharged, bootCostEntry, bootCostFinish } from "./bootcost";
import { panic, panic1, panic2 } from "./panic";
import { RIGHT_POWER_OFF } from "./process";
import { processCreate, processRelease, processStartThread } from "./processes";
import { threadJoin } from "./sched";
import { interruptsRestore, interruptsSave } from "./i686/switch";
import { StackContents } from "./userstack";

const MAX_WORDS: u32 = 128;

/**
 * The command line split for the process manager's stack: NUL-terminated
 * copies of its words, and argv and envp pointing at them. In a kernel page
 * for the load only (loadProgram copies it all onto the new stack).
 */
interface CmdlineWords {
  words: Arr<u8, 2049>;
  argv: Arr<u32, 129>;
  envp: Arr<u32, 128>;
}

function isSpace(c: u8): bool {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Splits the command line into c's argv and envp (NUL-terminated copies in w.words). */
function splitCmdline(cmdline: usize, c: StackContents, w: CmdlineWords): void {
  const text = ptr<u8>(cmdline);
  w.argv[0] = fmtStr("procmgr");
  let argc: u32 = 1;
  let envc: u32 = 0;
  let out: u32 = 0;
  let i: u32 = 0;
  while (i < CMDLINE_MAX && text[i] !== 0) {
    while (i < CMDLINE_MAX && text[i] !== 0 && isSpace(text[i])) i++;
    if (i >= CMDLINE_MAX || text[i] === 0) break;
    const start = i;
    let equals = false;
    while (i < CMDLINE_MAX && text[i] !== 0 && !isSpace(text[i])) {
      if (text[i] === 0x3d) equals = true;
      i++;
    }
    const n = i - start;
    if (n >= 9 && bytesEqual(cmdline + start, 9, "loglevel=")) continue;
    if (argc + envc >= MAX_WORDS) panic1("procmgr: more than %u words on the command line", MAX_WORDS);
    memcpy(addr(w.words) + out, cmdline + start, n);
    w.words[out + n] = 0;
    if (equals) {
      w.envp[envc] = addr(w.words) + out;
      envc++;
    } else {
      w.argv[argc] = addr(w.words) + out;
      argc++;
    }
    out += n + 1;
  }
  c.argv = ptr<u32>(addr(w.argv));
  c.argc = argc;
  c.envp = ptr<u32>(addr(w.envp));
  c.envc = envc;
}

/**
 * The boot's last lines: where its cycles went, from setup32's entry to
 * here, by phase (kernel/bootcost.ts); the accounts add up to the total.
 */
function reportBootCost(): void {
  const total = bootCostFinish();
  const c = bootCostCharged;
  log8(
    LogLevel.Info,
    "boot: phases: setup32 %u, consoles %u, CPU tables %u, memory maps %u, allocators %u, page tables %u, first thread %u, process manager load %u\n",
    c(BootCost.Setup32), c(BootCost.Consoles), c(BootCost.CpuTables), c(BootCost.MemoryMaps),
    c(BootCost.Allocators), c(BootCost.PageTables), c(BootCost.FirstThread), c(BootCost.ProcessManagerLoad),
  );
  log2(LogLevel.Info, "boot: across phases: self-checks %u, console output %u\n", c(BootCost.SelfChecks), c(BootCost.Output));
  const entry = bootCostEntry();
  log4(
    LogLevel.Info,
    "boot: done in %lu cycles from setup32's entry at cycle %lu (instructions under -icount shift=0), starting the process manager\n",
    lo64(total), hi64(total), lo64(entry), hi64(entry),
  );
}

/** Loads and runs the process manager; returns only if its first thread ended. */
export function runProcessManager(info: BootInfo): void {
  const p = processCreate("procmgr", RIGHT_POWER_OFF);
  if (p === null) panic("procmgr: no memory for its process");
  else {
    const c: StackContents = zeroed();
    const loaded: Loaded = zeroed();
    const flags = interruptsSave(); // the allocators have no locks
    const page = sizeOf<CmdlineWords>() <= PAGE_SIZE ? kernelPageAlloc() : 0;
    if (page === 0) panic("procmgr: no kernel page for its command line");
    splitCmdline(info.cmdline, c, ref<CmdlineWords>(page));
    const r = loadProgram(p.space, info.procStart, info.procSize, c, loaded, info.initrdStart, info.initrdSize);
    kernelPageFree(page);
    interruptsRestore(flags);
    if (r === LoadResult.BadElf) panic2("procmgr: %s: %s", fmtStr(LOAD_RESULTS[r]), fmtStr(ELF_PROBLEMS[loaded.elfProblem]));
    if (r !== LoadResult.Ok) panic1("procmgr: %s", fmtStr(LOAD_RESULTS[r]));
    log4(LogLevel.Info, "procmgr: loaded, %u pages, entry 0x%08x, stack 0x%08x, %u arguments\n", loaded.pages, loaded.entry, loaded.stack, c.argc);
    if (info.initrdSize !== 0) log2(LogLevel.Info, "procmgr: the initrd's %u bytes copied to 0x%08x, read-only\n", info.initrdSize, INITRD_VA);
    reportBootCost();
    const t = processStartThread(p, "procmgr", loaded.entry, loaded.stack);
    if (t === null) panic("procmgr: no memory for its thread");
    else {
      const reason = threadJoin(t);
      log1(LogLevel.Error, "procmgr: its first thread ended (reason %u) without powering off\n", reason);
      // Its other threads may still run on its address space: the kernel
      // powers off next (kmain), so the process is left as it is.
      if (p.threads === 0) processRelease(p);
    }
  }
}
