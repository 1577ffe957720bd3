// error: 4:25 /bool/i
// A type predicate return type (`x is T`) is outside the subset; the message
// must say what to write (return a bool). Now it says "this type (FirstTypeNode)".
function isBig(x: u32): x is u32 {
  return x > 10;
}

export function main(): i32 {
  print(isBig(3));
  return 0;
}
