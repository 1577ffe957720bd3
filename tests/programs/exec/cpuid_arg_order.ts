// cpuid(leaf, subleaf, out) evaluates its arguments left to right, like
// every call (a review found it built its C by hand, unsequenced).
const r: CpuidResult = zeroed();
function leaf(): u32 { print(1); return 0; }
function sub(): u32 { print(2); return 0; }
function out(): CpuidResult { print(3); return r; }
export function main(): i32 {
  cpuid(leaf(), sub(), out());
  print(r.ebx !== 0);
  return 0;
}
