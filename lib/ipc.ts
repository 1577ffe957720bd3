// IPC for user programs (docs/syscalls.md, "IPC"): endpoints, a blocking Send
// with its reply, Receive and the replies. A message is a number the sender
// chooses, up to IPC_MESSAGE_MAX bytes of data, and room for the reply.

import { Sys } from "../kernel/abi";
import { syscall } from "./sys";

/** What Send reads from the sender's memory. */
export interface Message {
  number: u32;
  data: u32;
  size: u32;
  reply: u32;
  replySize: u32;
}

/** What Receive writes: the sender's message number, its descriptor's cookie, the data's size. */
export interface Received {
  number: u32;
  cookie: u32;
  size: u32;
}

/** A new endpoint's descriptor, or an error. */
export function endpointCreate(): i32 {
  return syscall(Sys.EndpointCreate, 0, 0, 0, 0);
}

/** Sends `m` on endpoint `d` and waits for the reply: its size, or an error (the receiver's ReplyError code too). */
export function send(d: u32, m: Message): i32 {
  return syscall(Sys.Send, d, addr(m), 0, 0);
}

/** Waits for a message on `d` into `buffer` (at most `size` bytes): its size, or an error; `from` says who. */
export function receive(d: u32, buffer: usize, size: u32, from: Received): i32 {
  return syscall(Sys.Receive, d, buffer, size, addr(from));
}

/** Answers the message last received with `size` bytes at `buffer`. */
export function reply(buffer: usize, size: u32): i32 {
  return syscall(Sys.Reply, buffer, size, 0, 0);
}

/**
 * Answers the message last received with the first `from.size` bytes at
 * `buffer` (set from.size to the reply's size; Receive left the message's
 * there), then waits for the next message as receive() does: a server's
 * loop in one system call per message.
 */
export function replyReceive(d: u32, buffer: usize, size: u32, from: Received): i32 {
  return syscall(Sys.ReplyReceive, d, buffer, size, addr(from));
}

/** Answers the message last received with an error code (negative), which its Send returns. */
export function replyError(code: i32): i32 {
  return syscall(Sys.ReplyError, u32(code), 0, 0, 0);
}

/** A second descriptor for the endpoint `d` names, with its own cookie (what receivers are told). */
export function endpointDup(d: u32, cookie: u32): i32 {
  return syscall(Sys.Dup, d, cookie, 0, 0);
}

/** Closes descriptor `d`. */
export function close(d: u32): i32 {
  return syscall(Sys.Close, d, 0, 0, 0);
}
