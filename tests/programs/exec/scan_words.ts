// scanWords: the length of the run of equal words at an address, bounded by a
// count; fillWords: a run of equal words.
const words: Arr<u32, 8> = zeroed();

export function main(): i32 {
  print(scanWords(addr(words), 8, 0)); // all 8 equal
  words[5] = 7;
  print(scanWords(addr(words), 8, 0)); // 5: stops before the 7
  print(scanWords(addr(words), 5, 0)); // 5: the count ends first
  print(scanWords(addr(words), 6, 0)); // 5: the last word counted differs
  print(scanWords(addr(words), 0, 0)); // 0: nothing to scan
  print(scanWords(addr(words[5]), 3, 7)); // 1
  print(scanWords(addr(words), 8, 1)); // 0: the first word differs
  words[0] = 0xffffffff;
  words[1] = 0xffffffff;
  print(scanWords(addr(words), 8, 0xffffffff)); // 2
  fillWords(addr(words[2]), 5, 0xffffffff);
  print(scanWords(addr(words), 8, 0xffffffff)); // 7: words 0..6
  print(words[7]); // 0: past the fill
  fillWords(addr(words), 0, 1); // a zero count stores nothing
  print(words[0]); // 4294967295
  return 0;
}
