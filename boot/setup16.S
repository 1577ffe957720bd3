/*
 * boot/setup16.S - the 16-bit setup: real mode -> 32-bit protected mode.
 *
 * 16-bit loaders (QEMU -kernel, GRUB linux16) load the real-mode part at a
 * segment X of their choosing (0x1000 for QEMU, 0x9000 for GRUB) and jump to
 * X+0x20:0000, i.e. offset 0x200, whose short jump lands on setup16_entry.
 * Everything here is therefore computed from the run-time segment: the zero
 * page, the GDT base and the 32-bit stack are linear addresses X*16 + offset.
 *
 * Steps: build the zero page (struct boot_params) in a buffer of our own --
 * not in the loaded setup area, whose e820 slots at 0x2D0-0xCD0 would overlap
 * this code -- copy the setup header into it (carrying the loader's
 * cmd_line_ptr, ramdisk and type_of_loader fields through), read the BIOS
 * e820 map into it, enable A20, load a flat GDT and jump to code32_start in
 * protected mode with esi = zero page, as the boot protocol requires of a
 * 32-bit entry (CS=0x10, DS=ES=SS=0x18, IF=0, ebx=ebp=edi=0).
 *
 * Memory (boot/memory16.S): like Linux, ask the BIOS three ways -- e820 into the zero page's
 * table, e801 into alt_mem_k, int 15h ah=88h into ext_mem_k -- and let the
 * 32-bit side choose (kernel/mm/e820.ts, memorySource()): e820 if it gave
 * any entry, else the larger of the other two. TSUKI_TEST_NO_E820,
 * TSUKI_TEST_NO_E801 and TSUKI_TEST_NO_88 leave a query out, so that npm
 * test can exercise the fallbacks on a BIOS (SeaBIOS) that answers all three.
 *
 * Only i386 instructions: the CPU baseline (i586) is checked by setup32,
 * which prints the reason on a CPU below it (kernel/i686/cpufeatures.ts).
 */

#define HDR_START	0x1f1		/* setup header in the loaded image... */
#define HDR_END		0x230		/* ...ends after the 2.04 fields */
#define OFF_SYSSIZE	0x1f4		/* header: protected-mode part, 16-byte units */
#define OFF_CODE32	0x214		/* header: code32_start */
#define OFF_RAMDISK	0x218		/* header: ramdisk_image (loader) */
#define OFF_RAMDISK_SIZE 0x21c		/* header: ramdisk_size (loader) */
#define IMAGE_START	0x100000	/* where every loader puts the protected-mode part */
#define COM1		0x3f8
#define DEBUG_EXIT	0xf4		/* isa-debug-exit: 0x11 = failure */
#define BOOT_CS		0x10		/* selectors the boot protocol names */
#define BOOT_DS		0x18

	.code16
	.text
	.globl	setup16_entry
setup16_entry:
	/* CS = X+0x20, IP = 0x30: switch to CS = X so labels are offsets. */
	cli
	cld
	movw	%cs, %ax
	subw	$0x20, %ax
	pushw	%ax
	pushw	$1f
	lret
1:	movw	%ax, %ds
	movw	%ax, %es
	/*
	 * Our own stack, in our .bss: loaders disagree on SP (QEMU's heap_end
	 * 0xFE00 + 0x200 wraps to 0), and the whole real-mode footprint must
	 * stay below X+0x8000, the part every loader leaves to the setup.
	 */
	movw	%ax, %ss
	movw	$stack16_top, %sp
	movw	%ax, real_seg
	sti				/* BIOS calls below may need interrupts */

	/* Linear address of our segment, for everything protected mode sees. */
	movzwl	%ax, %eax
	shll	$4, %eax
	movl	%eax, real_base

	call	build_zero_page
#ifndef TSUKI_TEST_NO_E820
	call	read_e820
#endif
#ifndef TSUKI_TEST_NO_E801
	call	read_e801
#endif
#ifndef TSUKI_TEST_NO_88
	call	read_88
#endif
	call	check_initrd
	call	enable_a20
	jc	a20_failed
	jmp	go_protected

a20_failed:
	movw	$msg_a20, %si
	call	print
	jmp	fail_stop

/*
 * Setup cannot go on: report failure to an emulator that listens
 * (isa-debug-exit, as the kernel does) and halt.
 */
fail_stop:
	movb	$0x11, %al
	outb	%al, $DEBUG_EXIT
	cli
1:	hlt
	jmp	1b

/*
 * A loader that ran out of room below initrd_addr_max may have put the
 * initrd over the protected-mode image it loaded at 0x100000 (e.g. QEMU
 * -m 4 with a 3.7 MB initrd): setup32 and the kernel are then half
 * overwritten, and jumping there would hang or worse. The image ends at
 * 0x100000 + syssize * 16. Overflow-safe: an initrd that starts below the
 * image's end and whose end wraps past 4 GiB overlaps it too.
 */
check_initrd:
	movl	OFF_RAMDISK_SIZE, %ecx
	testl	%ecx, %ecx
	jz	9f			/* no initrd */
	movl	OFF_SYSSIZE, %edx
	shll	$4, %edx
	addl	$IMAGE_START, %edx	/* end of the image */
	movl	OFF_RAMDISK, %eax
	cmpl	%edx, %eax
	jae	9f			/* starts at or after the image's end */
	addl	%ecx, %eax
	jc	1f			/* end wraps past 4 GiB: overlaps */
	cmpl	$IMAGE_START, %eax
	jbe	9f			/* ends at or before the image's start */
1:	movw	$msg_initrd1, %si
	call	print
	movl	OFF_RAMDISK, %eax
	call	print_hex
	movw	$msg_initrd2, %si
	call	print
	movl	OFF_RAMDISK, %eax
	addl	OFF_RAMDISK_SIZE, %eax
	call	print_hex
	movw	$msg_initrd3, %si
	call	print
	movl	%edx, %eax
	call	print_hex
	movw	$msg_initrd4, %si
	call	print
	jmp	fail_stop
9:	ret

/*
 * Zero the buffer (no loader clears .bss) and copy the setup header into it
 * at the same offset, as the protocol's zero page layout requires.
 */
build_zero_page:
	movw	$zero_page, %di
	movw	$4096/2, %cx
	xorw	%ax, %ax
	rep stosw
	movw	$HDR_START, %si
	movw	$zero_page + HDR_START, %di
	movw	$HDR_END - HDR_START, %cx
	rep movsb
	ret

/*
 * Print the NUL-terminated string at ds:si on the screen (int 10h) and on
 * COM1 (the console tests read; the BIOS leaves the UART set up).
 */
print:
	lodsb
	testb	%al, %al
	jz	1f
	call	putc
	jmp	print
1:	ret

/* One character in al, to the screen and to COM1. Keeps every register. */
putc:
	pushal
	movw	$COM1, %dx
	outb	%al, %dx
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	popal
	ret

/* Print eax as 0x and eight hex digits. Keeps every register. */
print_hex:
	pushal
	movl	%eax, %edx
	movb	$'0', %al
	call	putc
	movb	$'x', %al
	call	putc
	movw	$8, %cx
1:	roll	$4, %edx
	movb	%dl, %al
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	2f
	addb	$'a' - '9' - 1, %al
2:	call	putc
	loop	1b
	popal
	ret

/*
 * The switch. After CR0.PE is set, CS still holds its real-mode base, so
 * the far pointer is read through %cs while the data selectors are loaded.
 */
go_protected:
	cli
	movl	real_base, %ebx
	movl	%ebx, %eax
	addl	$gdt, %eax
	movl	%eax, gdt_base
	movl	OFF_CODE32, %eax	/* the loader may have changed it */
	movl	%eax, pm_entry
	movl	%ebx, %esi
	addl	$zero_page, %esi
	movl	%ebx, %ecx
	addl	$stack16_top, %ecx	/* same stack, now as a flat address */
	lgdtl	gdt_desc
	lidtl	null_idt		/* a stray fault triple-faults, visibly */
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	jmp	1f			/* serialise on 386/486 */
1:	movw	$BOOT_DS, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	%ecx, %esp
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%edi, %edi
	ljmpl	*%cs:pm_entry

	.section .rodata
msg_a20:
	.asciz	"Tsuki setup: cannot enable the A20 line.\r\n"
msg_initrd1:
	.asciz	"PANIC: setup16: the loader put the initrd at ["
msg_initrd2:
	.asciz	", "
msg_initrd3:
	.asciz	"), over the kernel image [0x00100000, "
msg_initrd4:
	.asciz	"): give the machine more memory or use a smaller initrd\r\n"

	.data
	.balign	8
/* Flat 4 GiB segments at the selectors the boot protocol names. */
gdt:
	.quad	0			/* 0x00 null */
	.quad	0			/* 0x08 unused, as in the protocol */
	.quad	0x00cf9a000000ffff	/* 0x10 code: base 0, 4 GiB, 32-bit, r/x */
	.quad	0x00cf92000000ffff	/* 0x18 data: base 0, 4 GiB, r/w */
gdt_end:
gdt_desc:
	.word	gdt_end - gdt - 1
gdt_base:
	.long	0			/* linear, filled at run time */
null_idt:
	.word	0
	.long	0
pm_entry:
	.long	0			/* code32_start */
	.word	BOOT_CS

	.bss
real_seg:	.word	0
	.balign	4
real_base:	.long	0
	.balign	16
	.globl	zero_page
zero_page:	.skip	4096		/* struct boot_params */
	.balign	16
stack16:	.skip	1024
stack16_top:
