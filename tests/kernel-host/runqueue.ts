// kernel/runqueue.ts: first in first out, one queue per thread at a time,
// removal from anywhere, and the invariants after every step.

import { queuePop, queuePush, queueRemove } from "../../kernel/runqueue";
import { RunQueue, Thread } from "../../kernel/thread";
import { expect, expectU32, suite } from "./check";

const threads: Arr<Thread, 8> = zeroed();
const q: RunQueue = zeroed();
const other: RunQueue = zeroed();

/** head/tail/count agree and every thread on q says so. */
function consistent(what: CStr): void {
  let n: u32 = 0;
  let last: Thread | null = null;
  for (let t = q.head; t !== null && n <= 8; t = t.next) {
    if (t.onQueue !== q) expect(false, what);
    last = t;
    n++;
  }
  expectU32(n, q.count, what);
  expect(last === q.tail, what);
  expect((q.head === null) === (q.count === 0), what);
}

function ids(): u32 {
  // The ids in queue order as decimal digits (ids 1..8), e.g. 123.
  let v: u32 = 0;
  for (let t = q.head; t !== null; t = t.next) v = v * 10 + t.id;
  return v;
}

export function testRunQueue(): void {
  suite("runqueue");
  for (let i: u32 = 0; i < 8; i++) threads[i].id = i + 1;
  expect(queuePop(q) === null, "an empty queue pops nothing");
  consistent("empty");
  for (let i: u32 = 0; i < 4; i++) expect(queuePush(q, threads[i]), "push");
  consistent("four pushed");
  expectU32(ids(), 1234, "first in, first out order");
  expect(!queuePush(q, threads[2]), "a thread on the queue is not pushed twice");
  expect(!queuePush(other, threads[2]), "nor onto another queue");
  expectU32(ids(), 1234, "the refused pushes changed nothing");
  const t = queuePop(q);
  expect(t !== null && t.id === 1, "pop takes the head");
  expect(t !== null && t.onQueue === null && t.next === null, "a popped thread is on no queue");
  consistent("after pop");
  expect(queuePush(q, threads[0]), "round robin: the popped thread goes to the tail");
  expectU32(ids(), 2341, "rotated");
  expect(queueRemove(q, threads[2]), "remove from the middle");
  expectU32(ids(), 241, "middle removed");
  consistent("after a middle removal");
  expect(queueRemove(q, threads[0]), "remove the tail");
  expectU32(ids(), 24, "tail removed");
  consistent("after a tail removal");
  expect(queuePush(q, threads[5]), "push after removing the tail");
  expectU32(ids(), 246, "the new tail follows the old one's predecessor");
  expect(queueRemove(q, threads[1]), "remove the head");
  expectU32(ids(), 46, "head removed");
  expect(!queueRemove(q, threads[7]), "a thread on no queue is not removed");
  expect(!queueRemove(other, threads[3]), "a thread is removed only from its own queue");
  consistent("after the refused removals");
  expect(queueRemove(q, threads[3]), "remove");
  expect(queueRemove(q, threads[5]), "remove the last");
  consistent("empty again");
  expect(q.head === null && q.tail === null, "empty: no head, no tail");
  expect(queuePop(q) === null, "empty again pops nothing");
}
