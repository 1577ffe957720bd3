// The local TCP port of QEMU's gdb stub: a free one to give QEMU, and the
// moment QEMU listens on it. Readiness is read from the kernel's socket
// table (/proc/net/tcp) rather than probed with a connection, because the
// stub takes its first connection for gdb's.

import { readFileSync } from "node:fs";
import net from "node:net";

/** A port no one listens on now on 127.0.0.1 (the kernel's choice for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a socket listens on 127.0.0.1:port (or any address), from /proc/net/tcp. */
export function listening(port: number): boolean {
  let table = "";
  try {
    table = readFileSync("/proc/net/tcp", "utf8");
  } catch {
    return false;
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  // Lines: "sl local_address rem_address st ..."; st 0A is LISTEN; addresses are hex, little-endian.
  return table.split("\n").some((line) => {
    const f = line.trim().split(/\s+/);
    return (f[1] === `0100007F:${hexPort}` || f[1] === `00000000:${hexPort}`) && f[3] === "0A";
  });
}

/** Resolves true once something listens on `port`, false after `ms` or once `gaveUp()` says so. */
export async function waitForListen(port: number, ms: number, gaveUp: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && !gaveUp()) {
    if (listening(port)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return listening(port);
}
