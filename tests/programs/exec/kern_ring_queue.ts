// Kernel logic on the host: a fixed-size IPC message queue whose u8 head and
// tail indices wrap around naturally at 256.
interface Message {
  sender: u16;
  tag: u8;
  payload: Arr<u32, 3>;
}

interface Queue {
  head: u8;
  tail: u8;
  count: u16;
  slots: Arr<Message, 256>;
}

const q: Queue = zeroed();

function send(sender: u16, tag: u8, word: u32): bool {
  if (q.count === 256) return false;
  const m: Message = q.slots[q.tail];
  m.sender = sender;
  m.tag = tag;
  m.payload[0] = word;
  m.payload[2] = ~word;
  q.tail++;
  q.count++;
  return true;
}

function receive(out: Message): bool {
  if (q.count === 0) return false;
  memcpy(addr(out), addr(q.slots[q.head]), sizeOf<Message>());
  q.head++;
  q.count--;
  return true;
}

export function main(): i32 {
  const m: Message = zeroed();
  print(sizeOf<Message>());
  print(sizeOf<Queue>());
  print(receive(m));
  // fill, drain, and wrap the indices several times
  let sent: u32 = 0;
  let sum: u32 = 0;
  for (let round: u32 = 0; round < 3; round++) {
    for (let i: u32 = 0; i < 200; i++) if (send(u16(i), u8(round), i * 3)) sent++;
    while (receive(m)) sum += m.payload[0] + u32(m.tag);
  }
  print(sent);
  print(sum);
  print(q.head);
  print(q.tail);
  for (let i: u32 = 0; i < 300; i++) if (!send(7, 9, i)) {
    print(i);
    break;
  }
  print(q.count);
  receive(m);
  print(m.payload[0]);
  print(m.payload[2]);
  print(m.sender);
  return 0;
}
