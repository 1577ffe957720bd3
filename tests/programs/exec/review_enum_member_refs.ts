// A const enum member may refer to earlier members by their bare names
// (TypeScript resolves `A` inside the enum body to E.A), as in
// `const enum Flags { Read = 1, Write = Read << 1 }`. Now the bare name is
// refused ("'A' is not something the subset can refer to") and every later
// member is then reported missing.
const enum E { A = 1, B = A << 2, C = E.B | A, D = -1, F }
const enum Pte { Present = 1, Writable = Present << 1, User = Writable << 1, Default = Present | Writable }

export function main(): i32 {
  print(E.B);
  print(E.C);
  print(E.F);
  print(Pte.User);
  print(Pte.Default);
  return 0;
}
