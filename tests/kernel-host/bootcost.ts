// kernel/bootcost.ts: every cycle from the start to the finish is charged to
// exactly one account, nested accounts come back to the one they left, and
// nothing is charged after the finish. The host's TSC runs for real, so the
// checks are on sums and on which accounts moved, not on exact counts.

import { BootCost, bootCostBegin, bootCostCharged, bootCostEnd, bootCostFinish, bootCostStart, bootPhase } from "../../kernel/bootcost";
import { lo64 } from "../../kernel/format";
import { expect, expectU32, suite } from "./check";

/** Some work the TSC can see. */
function spin(n: u32): u32 {
  let x: u32 = 1;
  for (let i: u32 = 0; i < n; i++) x = x * 1103515245 + 12345;
  return x;
}

function chargedSum(): u32 {
  let sum: u32 = 0;
  for (let k: u32 = 0; k <= u32(BootCost.Output); k++) sum += bootCostCharged(u8(k) as BootCost);
  return sum;
}

export function testBootCost(): void {
  suite("bootcost");
  const start = rdtsc();
  spin(1000);
  bootCostStart(start);
  spin(1000);
  bootPhase(BootCost.CpuTables);
  spin(1000);
  bootCostBegin(BootCost.SelfChecks);
  spin(1000);
  bootCostBegin(BootCost.Output); // output inside a self-check is output
  spin(1000);
  bootCostEnd();
  spin(1000);
  bootPhase(BootCost.MemoryMaps); // a phase change inside a self-check takes effect at its end
  bootCostEnd();
  spin(1000);
  const total = bootCostFinish();
  expectU32(chargedSum(), lo64(total), "the accounts add up to the total");
  expect(bootCostCharged(BootCost.Setup32) > 0, "setup32: the cycles before the start are setup32's");
  expect(bootCostCharged(BootCost.Consoles) > 0, "consoles: the first phase after the start");
  expect(bootCostCharged(BootCost.CpuTables) > 0, "CPU tables: the phase the self-check returned to");
  expect(bootCostCharged(BootCost.SelfChecks) > 0, "self-checks");
  expect(bootCostCharged(BootCost.Output) > 0, "output nested in the self-check");
  expect(bootCostCharged(BootCost.MemoryMaps) > 0, "the phase changed inside the self-check is current after it");
  const after = chargedSum();
  bootCostBegin(BootCost.Output);
  spin(1000);
  bootCostEnd();
  bootPhase(BootCost.Allocators);
  expectU32(chargedSum(), after, "nothing is charged after the finish");
}
