// error: 3:3 /try|exception/i
export function main(): i32 {
  try {
    print(1);
  } finally {
    print(2);
  }
  return 0;
}
