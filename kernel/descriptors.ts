// A process's descriptor table: small integers naming the kernel objects the
// process may use (threads it started, later endpoints and processes), each
// with the cookie the kernel reports alongside it. Pure: the host tests run
// it (tests/kernel-host/descriptors.ts).
//
// Invariants: an entry is Free (object 0) or names one live object of its
// kind; a thread's entry is closed when the thread is joined (the object is
// freed then), so a table never names a freed thread. Thread descriptors
// cannot be duplicated for that reason (one descriptor, one join); endpoint
// descriptors can, each with its own cookie, and the endpoint counts them.

export const DESCRIPTORS: u32 = 256;

export const enum DescKind {
  Free = 0,
  Thread = 1,
  Endpoint = 2,
  Process = 3,
}

export interface Descriptor {
  kind: DescKind;
  object: usize;
  cookie: u32;
}

export interface DescriptorTable {
  entries: Arr<Descriptor, 256>;
  used: u32;
}

/** The lowest free descriptor now naming `object`, or -1 if the table is full. */
export function descriptorOpen(t: DescriptorTable, kind: DescKind, object: usize, cookie: u32): i32 {
  for (let i: u32 = 0; i < DESCRIPTORS; i++) {
    const e = t.entries[i];
    if (e.kind !== DescKind.Free) continue;
    e.kind = kind;
    e.object = object;
    e.cookie = cookie;
    t.used++;
    return i32(i);
  }
  return -1;
}

/** The object descriptor `d` names if it is of `kind`, else 0 (out of range, free, another kind, or not set yet). */
export function descriptorGet(t: DescriptorTable, d: u32, kind: DescKind): usize {
  if (d >= DESCRIPTORS) return 0;
  const e = t.entries[d];
  return e.kind === kind ? e.object : 0;
}

/** Points open descriptor `d` at `object` (opened with a placeholder until the object existed). */
export function descriptorSet(t: DescriptorTable, d: u32, object: usize, cookie: u32): void {
  if (d >= DESCRIPTORS || t.entries[d].kind === DescKind.Free) return;
  t.entries[d].object = object;
  t.entries[d].cookie = cookie;
}

/** A second descriptor naming what `d` names, with its own cookie: its number, or -1 (full). */
export function descriptorDup(t: DescriptorTable, d: u32, cookie: u32): i32 {
  if (d >= DESCRIPTORS || t.entries[d].kind === DescKind.Free) return -1;
  return descriptorOpen(t, t.entries[d].kind, t.entries[d].object, cookie);
}

/** The kind of descriptor `d` (Free if out of range). */
export function descriptorKind(t: DescriptorTable, d: u32): DescKind {
  return d < DESCRIPTORS ? t.entries[d].kind : DescKind.Free;
}

/** Frees descriptor `d`; false if it was not open. */
export function descriptorClose(t: DescriptorTable, d: u32): bool {
  if (d >= DESCRIPTORS || t.entries[d].kind === DescKind.Free) return false;
  const e = t.entries[d];
  e.kind = DescKind.Free;
  e.object = 0;
  e.cookie = 0;
  t.used--;
  return true;
}
