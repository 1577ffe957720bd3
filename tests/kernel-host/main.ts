// Host tests of the kernel's logic: the same modules the kernel links,
// compiled with `--target host` and run as a Linux program
// (tests/kernel-host.test.ts); the machine layer's privileged instructions are
// recorded there (i686.ts). Exit status = number of failed checks.

import { summary } from "./check";
import { testBoot } from "./boot";
import { testBootHeap } from "./bootheap";
import { testBootCost } from "./bootcost";
import { testCmdline } from "./cmdline";
import { testDescriptors } from "./descriptors";
import { testE820 } from "./e820";
import { testElf } from "./elf";
import { testI686 } from "./i686";
import { testFrameEdges } from "./frame-edges";
import { testFormat } from "./format";
import { testFrames } from "./frames";
import { testFrameAbove } from "./frame-above";
import { testHostileMaps } from "./hostile-random";
import { testKvSpace } from "./kvspace";
import { testLayout } from "./layout";
import { testPhysMap } from "./physmap";
import { testPic } from "./pic";
import { testRunQueue } from "./runqueue";
import { testSlab } from "./slab";
import { testUserStack } from "./userstack";
import { testSpace } from "./space";
import { testSpaceFailures } from "./space-failures";
import { testVm } from "./vm";

export function main(): i32 {
  testPhysMap();
  testHostileMaps();
  testLayout();
  testElf();
  testCmdline();
  testBootHeap();
  testBootCost();
  testVm();
  testE820();
  testBoot();
  testFrames();
  testFrameEdges();
  testFrameAbove();
  testKvSpace();
  testSlab();
  testSpace();
  testSpaceFailures();
  testFormat();
  testRunQueue();
  testPic();
  testUserStack();
  testDescriptors();
  testI686();
  return summary();
}
