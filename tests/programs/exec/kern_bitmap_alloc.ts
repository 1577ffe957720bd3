// Kernel logic on the host: a physical frame allocator over a bitmap (one bit
// per 4 KiB frame), first fit, with contiguous runs and frees.
const FRAMES = 1024;
const bitmap: Arr<u32, 32> = zeroed();
let used: u32 = 0;

function test(frame: u32): bool {
  return (bitmap[frame >>> 5] & (1 << (frame & 31))) !== 0;
}

function set(frame: u32): void {
  bitmap[frame >>> 5] |= 1 << (frame & 31);
  used++;
}

function clear(frame: u32): void {
  bitmap[frame >>> 5] &= ~(1 << (frame & 31));
  used--;
}

/** The first of `count` free contiguous frames, marked used; -1 if none. */
function alloc(count: u32): i32 {
  let run: u32 = 0;
  for (let f: u32 = 0; f < FRAMES; f++) {
    if (bitmap[f >>> 5] === 0xffffffff) {
      f += 31 - (f & 31); // skip a full word
      run = 0;
      continue;
    }
    run = test(f) ? 0 : run + 1;
    if (run === count) {
      const first: u32 = f + 1 - count;
      for (let g: u32 = first; g <= f; g++) set(g);
      return i32(first);
    }
  }
  return -1;
}

function free(first: u32, count: u32): void {
  for (let f: u32 = first; f < first + count; f++) clear(f);
}

export function main(): i32 {
  print(alloc(1));
  print(alloc(3));
  print(alloc(40));
  print(used);
  free(1, 3);
  print(alloc(2));
  print(alloc(2));
  print(alloc(1));
  print(bitmap[0]);
  print(bitmap[1]);
  print(alloc(2000));
  print(alloc(FRAMES - used));
  print(used);
  print(alloc(1));
  free(512, 1);
  print(alloc(1));
  return 0;
}
