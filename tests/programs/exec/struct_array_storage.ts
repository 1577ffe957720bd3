// Arr<S, N> storage of structs at module and function level: elements are
// embedded structs, a[i] is a reference to one.
interface Entry {
  key: u32;
  value: i16;
  used: bool;
}

const table: Arr<Entry, 8> = zeroed();

function put(key: u32, value: i16): bool {
  for (let i: u32 = 0; i < table.length; i++) {
    const e: Entry = table[i];
    if (!e.used || e.key === key) {
      e.key = key;
      e.value = value;
      e.used = true;
      return true;
    }
  }
  return false;
}

function get(key: u32): i16 {
  for (let i: u32 = 0; i < table.length; i++) {
    if (table[i].used && table[i].key === key) return table[i].value;
  }
  return -1;
}

export function main(): i32 {
  print(sizeOf<Entry>());
  print(table.length);
  for (let k: u32 = 0; k < 10; k++) {
    const ok: bool = put(k * 7, i16(i32(k) - 5));
    if (!ok) print(k);
  }
  print(get(14));
  print(get(49));
  print(get(56));
  put(14, 300);
  print(get(14));
  print(addr(table[3]) - addr(table));
  const local: Arr<Entry, 2> = zeroed();
  local[1].key = 5;
  print(local[0].key);
  print(local[1].key);
  const e: Entry = local[1];
  e.key++;
  print(local[1].key);
  return 0;
}
