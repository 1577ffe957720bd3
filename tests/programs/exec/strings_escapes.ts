// String literals reach stdout byte for byte: printf directives are not
// interpreted, C trigraphs are not replaced, escapes become their UTF-8 bytes.
export function main(): i32 {
  print("100% done, %s %d %n %%");
  write("%s%s%s%s\n");
  print("??= ??( ??/ trigraphs stay");
  print("caf\u00e9 \u{1F600} \x7e");
  print("tab[\t] cr-free bell-free");
  print('single "quoted" \'string\'');
  print("back\\slash /* not a comment */ // nor this");
  print("line one\nline two");
  write("");
  print("");
  return 0;
}
