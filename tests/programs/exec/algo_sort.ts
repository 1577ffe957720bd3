// Insertion sort of i32 values and a u64 bubble sort, in Arr storage
// initialised from literals.
const values: Arr<i32, 10> = [5, -3, 9, 0, -2147483648, 2147483647, 7, -3, 1, 4];
const wide: Arr<u64, 5> = [0xffffffffffffffffn, 0n, 0x100000000n, 5n, 0xffffffffn];

function insertionSort(a: Arr<i32, 10>, n: u32): void {
  for (let i: u32 = 1; i < n; i++) {
    const key: i32 = a[i];
    let j: i32 = i32(i) - 1;
    while (j >= 0 && a[j] > key) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = key;
  }
}

export function main(): i32 {
  insertionSort(values, values.length);
  for (let i: u32 = 0; i < values.length; i++) print(values[i]);
  for (let i: u32 = 0; i < wide.length; i++) {
    for (let j: u32 = 0; j + 1 < wide.length - i; j++) {
      if (wide[j] > wide[j + 1]) {
        const t: u64 = wide[j];
        wide[j] = wide[j + 1];
        wide[j + 1] = t;
      }
    }
  }
  for (let i: u32 = 0; i < wide.length; i++) print(wide[i]);
  return 0;
}
