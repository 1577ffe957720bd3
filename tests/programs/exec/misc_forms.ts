// Assorted valid forms: a function whose end is unreachable, empty
// statements, a parameter named like its function, deeply nested blocks.
function firstAbove(limit: u32): u32 {
  let i: u32 = 0;
  while (true) {
    if (i * i > limit) return i;
    i++;
  }
}

function f(f: u32): u32 {
  return f + 1;
}

export function main(): i32 {
  print(firstAbove(50));
  ;
  print(f(5));
  {
    {
      {
        {
          let deep: u32 = 42;
          print(deep);
        }
      }
    }
  }
  return 0;
}
