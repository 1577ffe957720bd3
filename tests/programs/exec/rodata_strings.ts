// Read-only tables of strings (C strings in .rodata), printed with print and
// write; escapes and UTF-8 text come through unchanged.
const NAMES: readonly CStr[] = ["zero", "one", "two", "three"];
const ESCAPES: readonly CStr[] = ["tab\there", "quote\"back\\slash", "nl\n"];
const GREETING: CStr = "héllo, wörld ✓";

function name(i: u32): CStr {
  return i < NAMES.length ? NAMES[i] : "many";
}

export function main(): i32 {
  for (let i: u32 = 0; i < 6; i++) print(name(i));
  print(NAMES.length);
  for (let i: u32 = 0; i < ESCAPES.length; i++) write(ESCAPES[i]);
  write("\n");
  print(GREETING);
  write("no newline, ");
  write("then one\n");
  print("");
  print("literal \x41\u0042");
  return 0;
}
