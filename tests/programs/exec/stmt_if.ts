// if / else if / else chains and nested ifs, with and without braces.
function classify(x: i32): u32 {
  if (x < 0) return 1;
  else if (x === 0) return 2;
  else if (x < 10) {
    return 3;
  } else {
    if (x % 2 === 0) {
      return 4;
    }
    return 5;
  }
}

function dangling(a: bool, b: bool): u32 {
  let r: u32 = 0;
  if (a)
    if (b) r = 1;
    else r = 2;
  return r;
}

export function main(): i32 {
  print(classify(-3));
  print(classify(0));
  print(classify(9));
  print(classify(12));
  print(classify(13));
  print(dangling(true, true));
  print(dangling(true, false));
  print(dangling(false, false));
  let n: u32 = 0;
  if (n === 0) {
  } else {
    print("unreachable");
  }
  if (n !== 0) print("no");
  else print("yes");
  return 0;
}
