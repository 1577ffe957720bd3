// An intrusive run queue: each thread embeds its link, and the queue finds
// the thread again from the link's address (container_of), as kernels do.
export const enum ThreadState { Free, Ready, Running, Blocked }

export interface Link { next: Link | null; prev: Link | null; }
export interface Thread {
  id: u32;
  state: u8; // a ThreadState, stored in one byte
  priority: u8;
  link: Inline<Link>;
}
export interface Queue { head: Link | null; tail: Link | null; count: u32; }

export function threadOf(l: Link): Thread {
  return ref<Thread>(addr(l) - offsetOf<Thread>("link"));
}

export function enqueue(q: Queue, t: Thread): void {
  const l = t.link;
  l.next = null;
  l.prev = q.tail;
  if (q.tail !== null) q.tail.next = l;
  else q.head = l;
  q.tail = l;
  q.count++;
  t.state = ThreadState.Ready;
}

export function remove(q: Queue, t: Thread): void {
  const l = t.link;
  if (l.prev !== null) l.prev.next = l.next;
  else q.head = l.next;
  if (l.next !== null) l.next.prev = l.prev;
  else q.tail = l.prev;
  l.next = null;
  l.prev = null;
  q.count--;
}

export function dequeue(q: Queue): Thread | null {
  const l = q.head;
  if (l === null) return null;
  const t = threadOf(l);
  remove(q, t);
  t.state = ThreadState.Running;
  return t;
}

/** The highest-priority ready thread, first among equals. */
export function best(q: Queue): Thread | null {
  let found: Thread | null = null;
  for (let l = q.head; l !== null; l = l.next) {
    const t = threadOf(l);
    if (found === null || t.priority > found.priority) found = t;
  }
  return found;
}

export function stateOf(t: Thread): ThreadState { return t.state as ThreadState; }
