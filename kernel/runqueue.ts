// The run queue: threads ready to run, first in first out, linked through
// the threads themselves (Thread.next), so queueing never allocates and never
// fails. Pure: the host tests run it (tests/kernel-host/runqueue.ts).
//
// Invariants: a thread is on at most one queue, and `onQueue` says which
// (null: none); head is null iff tail is null iff count is 0; following next
// from head reaches tail after count - 1 steps, and tail.next is null.

import { RunQueue, Thread } from "./thread";

/** Appends `t` (on no queue) at the tail. False, changing nothing, if it is on a queue already. */
export function queuePush(q: RunQueue, t: Thread): bool {
  if (t.onQueue !== null) return false;
  t.next = null;
  t.onQueue = q;
  if (q.tail !== null) q.tail.next = t;
  else q.head = t;
  q.tail = t;
  q.count++;
  return true;
}

/** Takes the thread at the head, or null if the queue is empty. */
export function queuePop(q: RunQueue): Thread | null {
  const t = q.head;
  if (t === null) return null;
  q.head = t.next;
  if (q.head === null) q.tail = null;
  t.next = null;
  t.onQueue = null;
  q.count--;
  return t;
}

/** Takes `t` out of `q` wherever it is. False if it is not on `q`. O(count). */
export function queueRemove(q: RunQueue, t: Thread): bool {
  if (t.onQueue !== q) return false;
  let prev: Thread | null = null;
  let at = q.head;
  while (at !== null && at !== t) {
    prev = at;
    at = at.next;
  }
  if (at === null) return false;
  if (prev !== null) prev.next = t.next;
  else q.head = t.next;
  if (q.tail === t) q.tail = prev;
  t.next = null;
  t.onQueue = null;
  q.count--;
  return true;
}
