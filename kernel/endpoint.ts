// Endpoints: what IPC rendezvous on (kernel/ipc.ts), from the "endpoint"
// slab cache, named by descriptors (kernel/descriptors.ts) in any number of
// processes: EndpointCreate, Dup (a second descriptor with its own cookie),
// Give (kernel/sysproc.ts), Close. An endpoint counts the descriptors naming
// it; the last Close frees it and wakes the threads still waiting on it with
// PeerGone.

import { SysError } from "./abi";
import { DescKind, descriptorClose, descriptorDup, descriptorGet, descriptorKind, descriptorOpen } from "./descriptors";
import { interruptsRestore, interruptsSave } from "./i686/switch";
import { kernelCacheCreate } from "./mm/caches";
import { SlabCache, slabAlloc, slabFree } from "./mm/slab";
import { queuePop } from "./runqueue";
import { schedCurrent, threadWake } from "./sched";
import { closeProcess } from "./sysproc";
import { userMayTake } from "./sysmem";
import { RunQueue } from "./thread";

export interface Endpoint {
  senders: Inline<RunQueue>;
  receivers: Inline<RunQueue>;
  id: u32;
  /** Descriptors naming it, in every process: the last Close frees it. */
  refs: u32;
}

const cache: SlabCache = zeroed();
let nextId: u32 = 1;

export function endpointsInit(): void {
  kernelCacheCreate(cache, "endpoint", sizeOf<Endpoint>(), 16);
}

/** EndpointCreate(): a new endpoint's descriptor (cookie 0). */
export function sysEndpointCreate(): i32 {
  const t = schedCurrent();
  const p = t === null ? null : t.process;
  if (p === null) return SysError.NotPermitted;
  if (!userMayTake(1)) return SysError.NoMemory;
  const at = slabAlloc(cache);
  if (at === 0) return SysError.NoMemory;
  const e = ref<Endpoint>(at);
  e.id = nextId;
  nextId++;
  const d = descriptorOpen(p.descriptors, DescKind.Endpoint, at, 0);
  if (d < 0) {
    slabFree(cache, at);
    return SysError.NoDescriptor;
  }
  e.refs = 1;
  return d;
}

/** Dup(d, cookie): a second descriptor for endpoint `d`, whose messages carry `cookie`. */
export function sysDup(d: u32, cookie: u32): i32 {
  const t = schedCurrent();
  const p = t === null ? null : t.process;
  if (p === null) return SysError.NotPermitted;
  const at = descriptorGet(p.descriptors, d, DescKind.Endpoint);
  if (at === 0) return descriptorKind(p.descriptors, d) === DescKind.Free ? SysError.BadDescriptor : SysError.BadArgument;
  const n = descriptorDup(p.descriptors, d, cookie);
  if (n < 0) return SysError.NoDescriptor;
  ref<Endpoint>(at).refs++;
  return n;
}

/** One more descriptor names the endpoint at `at` (Give). */
export function endpointRetain(at: usize): void {
  ref<Endpoint>(at).refs++;
}

/** One descriptor fewer names the endpoint at `at`: the last frees it, waking its waiters with PeerGone. */
export function endpointRelease(at: usize): void {
  const e = ref<Endpoint>(at);
  e.refs--;
  if (e.refs !== 0) return;
  const flags = interruptsSave();
  failAll(e.senders);
  failAll(e.receivers);
  slabFree(cache, at);
  interruptsRestore(flags);
}

/** Wakes every thread queued on `q` with PeerGone (its endpoint is going away). */
function failAll(q: RunQueue): void {
  for (let t = queuePop(q); t !== null; t = queuePop(q)) {
    t.ipc.result = SysError.PeerGone;
    threadWake(t);
  }
}

/**
 * Close(d): an endpoint descriptor (the last one frees the endpoint, and
 * threads still waiting on it wake with PeerGone) or a process descriptor
 * (kernel/sysproc.ts). A thread descriptor is closed by ThreadJoin, not here
 * (BadArgument).
 */
export function sysClose(d: u32): i32 {
  const t = schedCurrent();
  const p = t === null ? null : t.process;
  if (p === null) return SysError.NotPermitted;
  if (descriptorKind(p.descriptors, d) === DescKind.Process) return closeProcess(p, d);
  const at = descriptorGet(p.descriptors, d, DescKind.Endpoint);
  if (at === 0) return descriptorKind(p.descriptors, d) === DescKind.Free ? SysError.BadDescriptor : SysError.BadArgument;
  descriptorClose(p.descriptors, d);
  endpointRelease(at);
  return 0;
}
