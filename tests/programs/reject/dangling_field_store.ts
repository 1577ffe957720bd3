// error: 8:3 /'frame' is stack storage of save: a reference to it is stored in memory that outlives the call/
// A field of a parameter's struct outlives the call; so does an Inline part of the storage (frame.regs).
interface Regs { eax: u32; }
interface Frame { regs: Inline<Regs>; }
interface Thread { saved: Regs | null; }
function save(t: Thread): void {
  const frame: Frame = zeroed();
  t.saved = frame.regs;
}
const t0: Thread = zeroed();
export function main(): i32 {
  save(t0);
  return 0;
}
