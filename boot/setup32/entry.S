/*
 * boot/setup32/entry.S - the first instructions of the 32-bit setup code.
 *
 * This page is loaded at 0x100000 (image_start) and entered there in 32-bit
 * protected mode, paging off, with esi = the zero page. Two kinds of loader
 * get here:
 *   - our setup16 (QEMU -kernel, GRUB linux16): our own GDT, flat segments;
 *   - GRUB `linux` (32-bit boot protocol): GRUB's GDT, whose selectors mean
 *     nothing to us, and esp = esi, i.e. a stack inside the zero page.
 * So nothing is trusted: load our GDT, reload every segment register, take a
 * stack of our own (the top of this page), then hand over to TypeScript.
 *
 * Binary contract with tools/image.ts (see kernel/bootinfo.ts):
 *   offset 0: eb XX   short jump over boot_info
 *   offset 2: 2 bytes of padding
 *   offset 4: boot_info, 0x50 bytes
 */

#define SETUP_CS 0x08
#define SETUP_DS 0x10
#define BOOT_INFO_SIZE 0x50
#define BOOT_INFO_BOOT_END 0x2c
#define BOOT_INFO_ENTRY_TSC 0x48
#define CPUID_TSC (1 << 4)
#define EFLAGS_ID (1 << 21)

	.section .text.entry, "ax"
	.code32
	.globl setup32_start
setup32_start:
	.byte 0xeb, entry32 - 1f	/* jmp short entry32, encoded by hand so */
1:	.byte 0, 0			/* the assembler cannot pick a near jump */

	.globl boot_info
boot_info:
	.long 0x494b5354		/* signature "TSKI" */
	.long 2				/* version */
	.fill (BOOT_INFO_SIZE - 8) / 4, 4, 0	/* filled by the image tool and setup.ts */

entry32:
	cli
	cld
	lgdt	setup32_gdt_pointer
	ljmp	$SETUP_CS, $2f
2:	movl	$SETUP_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %fs
	movl	%eax, %gs
	movl	%eax, %ss
	movl	$setup32_stack_top, %esp
	xorl	%ebp, %ebp

	/*
	 * Where the boot's cycle count starts (kernel/bootcost.ts): the
	 * time-stamp counter, read 30 instructions after 0x100000 (those 30 are
	 * the only ones of the boot it does not count). rdtsc is #UD
	 * without a TSC (a 486), which must get as far as setup.ts's baseline
	 * check and its message, so CPUID is probed first (EFLAGS.ID can be
	 * toggled), then its TSC bit; without one entry_tsc stays 0.
	 */
	pushfl
	popl	%eax
	movl	%eax, %ecx
	xorl	$EFLAGS_ID, %eax
	pushl	%eax
	popfl
	pushfl
	popl	%eax
	pushl	%ecx
	popfl
	xorl	%ecx, %eax
	testl	$EFLAGS_ID, %eax
	jz	4f
	movl	$1, %eax
	cpuid
	testl	$CPUID_TSC, %edx
	jz	4f
	rdtsc
	movl	%eax, boot_info + BOOT_INFO_ENTRY_TSC
	movl	%edx, boot_info + BOOT_INFO_ENTRY_TSC + 4
4:

	pushl	%esi			/* the zero page */
	call	boot_setup32_setup__main	/* fills boot_info, returns the kernel entry */
	addl	$4, %esp

	/*
	 * Switch to the boot stack, which ends at boot_info.boot_end, and call
	 * the kernel cdecl-style: kernel_entry(&boot_info). It never returns.
	 */
	movl	boot_info + BOOT_INFO_BOOT_END, %esp
	pushl	$boot_info
	call	*%eax
3:	cli
	hlt
	jmp	3b

	.section .rodata
	.balign 8
setup32_gdt:
	.quad 0				/* null descriptor */
	.quad 0x00cf9b000000ffff	/* 0x08: code, base 0, limit 4 GiB, ring 0 */
	.quad 0x00cf93000000ffff	/* 0x10: data, base 0, limit 4 GiB, ring 0 */
setup32_gdt_end:
	.balign 4
	.word 0				/* so the 6-byte pointer's base is aligned */
setup32_gdt_pointer:
	.word setup32_gdt_end - setup32_gdt - 1
	.long setup32_gdt
