// Fixed physical addresses of the PC platform that the kernel's pure code
// needs to know (without pulling in the drivers that use them).

/**
 * The VGA colour text window: 32 KiB at 0xb8000, eight pages. An 80x25
 * screen is 4,000 bytes of it; the console scrolls by moving the CRT
 * controller's start address through the rest (kernel/i686/vga.ts).
 */
export const VGA_TEXT_BUFFER: usize = 0xb8000;
export const VGA_TEXT_PAGES: u32 = 8;
export const VGA_TEXT_END: usize = VGA_TEXT_BUFFER + VGA_TEXT_PAGES * 0x1000;
