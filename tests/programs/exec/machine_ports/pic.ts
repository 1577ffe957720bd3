// The two 8259A interrupt controllers, programmed as a kernel does it: move
// IRQs 0-15 to vectors base..base+15, keeping the masks the firmware left.
// The same file compiles for the kernel (real `in`/`out` instructions, see
// tests/compiler-kernel.test.ts) and for the host (recorded calls).

const PIC1_COMMAND: u16 = 0x20;
const PIC1_DATA: u16 = 0x21;
const PIC2_COMMAND: u16 = 0xa0;
const PIC2_DATA: u16 = 0xa1;

const ICW1_INIT_ICW4: u8 = 0x11; // initialise, an ICW4 follows
const ICW3_SLAVE_AT_IRQ2: u8 = 0x04;
const ICW3_SLAVE_ID: u8 = 0x02;
const ICW4_8086: u8 = 0x01;
const END_OF_INTERRUPT: u8 = 0x20;

export function picRemap(base: u8): void {
  const mask1 = inb(PIC1_DATA);
  const mask2 = inb(PIC2_DATA);
  outb(PIC1_COMMAND, ICW1_INIT_ICW4);
  outb(PIC2_COMMAND, ICW1_INIT_ICW4);
  outb(PIC1_DATA, base);
  outb(PIC2_DATA, u8(base + 8));
  outb(PIC1_DATA, ICW3_SLAVE_AT_IRQ2);
  outb(PIC2_DATA, ICW3_SLAVE_ID);
  outb(PIC1_DATA, ICW4_8086);
  outb(PIC2_DATA, ICW4_8086);
  outb(PIC1_DATA, mask1);
  outb(PIC2_DATA, mask2);
}

/** Acknowledges an IRQ: the slave too when it came through it. */
export function picEndOfInterrupt(irq: u8): void {
  if (irq >= 8) outb(PIC2_COMMAND, END_OF_INTERRUPT);
  outb(PIC1_COMMAND, END_OF_INTERRUPT);
}
