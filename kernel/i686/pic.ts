// The two 8259A programmable interrupt controllers of the PC: remapped past
// the CPU's exception vectors, every line masked until the kernel asks for
// it, end-of-interrupt, and the spurious-interrupt test (Intel 8259A data
// sheet; the PC wires the slave to the master's line 2).
// tsuki: optimize for size

import { IRQ_BASE } from "./vectors";

const MASTER_COMMAND: u16 = 0x20;
const MASTER_DATA: u16 = 0x21;
const SLAVE_COMMAND: u16 = 0xa0;
const SLAVE_DATA: u16 = 0xa1;

const ICW1_INIT_ICW4: u8 = 0x11; // edge triggered, cascade, ICW4 follows
const ICW4_8086: u8 = 0x01;
const CASCADE_LINE = 2;
const OCW2_EOI: u8 = 0x20;
const OCW3_READ_ISR: u8 = 0x0b;

/** Line 2 of the master stays unmasked while any slave line is (it carries them). */
let masterMask: u8 = 0xff;
let slaveMask: u8 = 0xff;

/** ICW1-ICW4 on both chips: master lines at IRQ_BASE, slave lines at IRQ_BASE + 8; all masked. */
export function picInit(): void {
  outb(MASTER_COMMAND, ICW1_INIT_ICW4);
  outb(SLAVE_COMMAND, ICW1_INIT_ICW4);
  outb(MASTER_DATA, u8(IRQ_BASE));
  outb(SLAVE_DATA, u8(IRQ_BASE + 8));
  outb(MASTER_DATA, 1 << CASCADE_LINE); // the slave hangs on line 2
  outb(SLAVE_DATA, CASCADE_LINE); //       its cascade identity
  outb(MASTER_DATA, ICW4_8086);
  outb(SLAVE_DATA, ICW4_8086);
  masterMask = 0xff;
  slaveMask = 0xff;
  outb(MASTER_DATA, masterMask);
  outb(SLAVE_DATA, slaveMask);
}

/** Lets line `irq` (0-15) interrupt the CPU. */
export function picUnmask(irq: u32): void {
  if (irq < 8) {
    masterMask = u8(masterMask & ~(1 << irq));
  } else {
    slaveMask = u8(slaveMask & ~(1 << (irq - 8)));
    masterMask = u8(masterMask & ~(1 << CASCADE_LINE));
    outb(SLAVE_DATA, slaveMask);
  }
  outb(MASTER_DATA, masterMask);
}

/** The lines that are masked: bit n for line n. */
export function picMasks(): u32 {
  return (u32(slaveMask) << 8) | masterMask;
}

/**
 * Whether an interrupt on line 7 or 15 is spurious: the chip raised it but no
 * line is in service (its in-service bit is clear). A spurious line 7 needs
 * no end-of-interrupt; a spurious line 15 needs one on the master only (it
 * did signal the master's cascade line).
 */
export function picSpurious(irq: u32): bool {
  if (irq !== 7 && irq !== 15) return false;
  const command = irq === 7 ? MASTER_COMMAND : SLAVE_COMMAND;
  outb(command, OCW3_READ_ISR);
  const inService = inb(command);
  if ((inService & 0x80) !== 0) return false;
  if (irq === 15) outb(MASTER_COMMAND, OCW2_EOI);
  return true;
}

/** End of interrupt for line `irq`: the slave too when it came through it. */
export function picEndOfInterrupt(irq: u32): void {
  if (irq >= 8) outb(SLAVE_COMMAND, OCW2_EOI);
  outb(MASTER_COMMAND, OCW2_EOI);
}
