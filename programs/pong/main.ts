// pong: the demo's server, a program from the initrd. The process manager
// starts it with one endpoint (`endpoint=N` in its environment) and relays
// ping's messages to it: it answers each with "pong N" and ends when message
// 0 ("bye") comes.

import { flush, print, print2, print3 } from "../../lib/console";
import { Received, receive, reply } from "../../lib/ipc";
import { ProgramArgs, envNumber, programStart } from "../../lib/start";
import { sysThreadExit } from "../../lib/sys";

const a: ProgramArgs = zeroed();
const inbox: Arr<u8, 256> = zeroed();
const answer: Arr<u8, 16> = zeroed();

export function main(sp: u32): void {
  programStart(sp, a);
  const endpoint = envNumber(a, "endpoint=", 0xffffffff);
  const from: Received = zeroed();
  for (;;) {
    const n = receive(endpoint, addr(inbox), 255, from);
    if (n < 0) {
      print2("pong: receive failed (%d) on descriptor %u\n", u32(n), endpoint);
      break;
    }
    inbox[u32(n)] = 0;
    print3("pong: got \"%s\" (message %u, %u bytes)\n", addr(inbox), from.number, u32(n));
    const reply6 = "pong ?";
    for (let k: u32 = 0; k < 5; k++) answer[k] = ptr<u8>(addr(reply6))[k];
    answer[5] = u8(0x30 + from.number % 10); // "pong N"
    reply(addr(answer), 6);
    if (from.number === 0) break;
  }
  print("pong: done\n");
  flush();
  sysThreadExit(0);
}
