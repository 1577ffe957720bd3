// Division and remainder of every sign combination for each integer type,
// quotients truncated toward zero (written inside a conversion, as the subset
// requires for 8-32-bit types).
const A: readonly i32[] = [0, 1, -1, 7, -7, 100, -100, 2147483647, -2147483648, 65535, -32768];
const B: readonly i32[] = [1, 2, -2, 3, -3, 7, 10, -10, 255, 65536];

export function main(): i32 {
  for (let i: u32 = 0; i < A.length; i++) {
    for (let j: u32 = 0; j < B.length; j++) {
      const a: i32 = A[i];
      const b: i32 = B[j];
      print(i32(a / b));
      print(a % b);
      const ua: u32 = u32(a);
      const ub: u32 = u32(b);
      print(u32(ua / ub));
      print(ua % ub);
      const sa: i8 = i8(a);
      const sb: i8 = i8(b);
      if (sb !== 0) {
        print(i8(sa / sb));
        print(sa % sb);
      }
      const ha: u16 = u16(a);
      const hb: u16 = u16(b);
      if (hb !== 0) {
        print(u16(ha / hb));
        print(ha % hb);
      }
      const la: i64 = i64(a) * 3000000000n;
      const lb: i64 = i64(b);
      print(la / lb);
      print(la % lb);
      const qa: u64 = u64(la);
      const qb: u64 = u64(lb);
      print(qa / qb);
      print(qa % qb);
    }
  }
  return 0;
}
