// error: 2:1 /namespace/i
namespace Util {
  export const X: u32 = 1;
}

export function main(): i32 {
  return 0;
}
