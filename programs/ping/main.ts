// ping: the demo's client, a program from the initrd. It sends three
// messages to the endpoint the process manager gave it (`endpoint=N`); the
// process manager relays each to pong and relays pong's reply back. Then it
// says "bye" (message 0) and ends.

import { flush, print2 } from "../../lib/console";
import { Message, send } from "../../lib/ipc";
import { ProgramArgs, envNumber, programStart } from "../../lib/start";
import { sysThreadExit } from "../../lib/sys";

const a: ProgramArgs = zeroed();
const text: Arr<u8, 8> = zeroed();
const answer: Arr<u8, 17> = zeroed();

export function main(sp: u32): void {
  programStart(sp, a);
  const endpoint = envNumber(a, "endpoint=", 0xffffffff);
  const m: Message = zeroed();
  for (let i: u32 = 1; i <= 4; i++) {
    const number = i % 4; // 1, 2, 3, then 0: "bye"
    // "ping N" or "bye"
    const bye = number === 0;
    text[0] = bye ? 0x62 : 0x70;
    text[1] = bye ? 0x79 : 0x69;
    text[2] = bye ? 0x65 : 0x6e;
    text[3] = 0x67;
    text[4] = 0x20;
    text[5] = u8(0x30 + number);
    m.number = number;
    m.data = addr(text);
    m.size = bye ? 3 : 6;
    m.reply = addr(answer);
    m.replySize = 16;
    const n = send(endpoint, m);
    if (n < 0) {
      print2("ping: send failed (%d) on descriptor %u\n", u32(n), endpoint);
      break;
    }
    answer[u32(n)] = 0;
    print2("ping: sent message %u, the answer was \"%s\"\n", number, addr(answer));
  }
  flush();
  sysThreadExit(0);
}
