// Fixed physical addresses of the PC platform that the kernel's pure code
// needs to know (without pulling in the drivers that use them).

/** The VGA text buffer (80x25, colour), one page. */
export const VGA_TEXT_BUFFER: usize = 0xb8000;
