// References to stack storage that do not outlive their function compile:
// stored in storage of the same frame, passed to functions that only read
// them or hand them back (the escape check of issue 12 must not refuse these).
interface Node { value: u32; next: Node | null; }
interface List { head: Node | null; count: u32; }

function push(l: List, n: Node): List {
  n.next = l.head;
  l.head = n;
  l.count++;
  return l;
}

function sum(l: List): u32 {
  let total: u32 = 0;
  for (let n = l.head; n !== null; n = n.next) total = u32(total + n.value);
  return total;
}

function local(): u32 {
  const list: List = zeroed();
  const a: Node = { value: 3, next: null };
  const b: Node = { value: 4, next: null };
  push(list, a);
  const same = push(list, b); // a node of this frame linked into a list of this frame
  return u32(sum(same) * 10 + list.count);
}

/** A variable that starts as null and then holds a local object. */
function later(): u32 {
  const a: Node = zeroed();
  const b: Node = { value: 5, next: null };
  let q: Node | null = null;
  q = a;
  q.next = b;
  const n = a.next;
  return n === null ? 0 : n.value;
}

/** A linked list of stack nodes, built by walking its tail (loads of
 *  references stored in storage of this frame stay in the frame). */
function build(): u32 {
  const nodes: Arr<Node, 4> = zeroed();
  let tail: Node = nodes[0];
  tail.value = 1;
  for (let i: u32 = 1; i < 4; i++) {
    nodes[i].value = i + 1;
    tail.next = nodes[i];
    tail = tail.next!;
  }
  let total: u32 = 0;
  for (let n: Node | null = nodes[0]; n !== null; n = n.next) total = u32(total * 10 + n.value);
  return total;
}

interface Queue { head: Node; }

/** Appends n after the last node of q (a tail walk through what q refers to). */
function enqueue(q: Queue, n: Node): void {
  let t = q.head;
  while (t.next !== null) t = t.next;
  t.next = n;
}

/** A queue and nodes of this frame, linked by enqueue(). */
function queued(): u32 {
  const first: Node = { value: 6, next: null };
  const q: Queue = { head: first };
  const a: Node = { value: 7, next: null };
  const b: Node = { value: 8, next: null };
  enqueue(q, a);
  enqueue(q, b);
  let total: u32 = 0;
  for (let n: Node | null = q.head; n !== null; n = n.next) total = u32(total * 10 + n.value);
  return total;
}

export function main(): i32 {
  print(local());
  print(later());
  print(build());
  print(queued());
  return 0;
}
