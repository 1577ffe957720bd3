// A two-level i386 page-table mapper written the way kernel code is:
// a flag enum for the entry bits, masks derived from PAGE_SIZE, and
// invlpg after an entry changes.
export const PAGE_SIZE = 4096;
const ENTRIES = 1024;

export const enum Pte {
  Present = 1,
  Writable = 2,
  User = 4,
  Accessed = 0x20,
  Dirty = 0x40,
  Global = 0x100,
}

export interface PageTable { entries: Arr<u32, 1024>; }

const directory: PageTable = zeroed({ align: 4096 });
const pool: Arr<PageTable, 4> = zeroed({ align: 4096 });
let used: u32 = 0;

function pdIndex(va: u32): u32 { return va >>> 22; }
function ptIndex(va: u32): u32 { return (va >>> 12) & (ENTRIES - 1); }
export function pageBase(a: u32): u32 { return a & ~(PAGE_SIZE - 1); }

function tableFor(va: u32, create: bool): PageTable | null {
  const pde: u32 = directory.entries[pdIndex(va)];
  if ((pde & Pte.Present) !== 0) return ref<PageTable>(pageBase(pde));
  if (!create || used === pool.length) return null;
  const t = pool[used++];
  directory.entries[pdIndex(va)] = addr(t) | Pte.Present | Pte.Writable | Pte.User;
  return t;
}

export function map(va: u32, pa: u32, flags: Pte): bool {
  const t = tableFor(va, true);
  if (t === null) return false;
  t.entries[ptIndex(va)] = pageBase(pa) | flags | Pte.Present;
  return true;
}

export function unmap(va: u32): void {
  const t = tableFor(va, false);
  if (t === null) return;
  t.entries[ptIndex(va)] = 0;
  invlpg(pageBase(va));
}

/** The physical address va maps to, or 0xffffffff. */
export function translate(va: u32): u32 {
  const t = tableFor(va, false);
  if (t === null) return 0xffffffff;
  const pte: u32 = t.entries[ptIndex(va)];
  if ((pte & Pte.Present) === 0) return 0xffffffff;
  return pageBase(pte) | (va & (PAGE_SIZE - 1));
}

export function hasFlags(va: u32, want: Pte): bool {
  const t = tableFor(va, false);
  return t !== null && (t.entries[ptIndex(va)] & want) === want;
}

export function tablesUsed(): u32 { return used; }
