/*
 * boot/memory16.S - setup16's questions to the BIOS about memory.
 *
 * Like Linux's setup, ask three ways and record every answer in the zero
 * page (setup16's buffer, `zero_page`): e820 entries into its table, e801's
 * total into alt_mem_k, int 15h ah=88h's into ext_mem_k. The 32-bit side
 * chooses (kernel/mm/e820.ts, memorySource()): e820 if it gave any entry,
 * else the larger of the other two. Real mode, i386 instructions only;
 * called with DS = ES = the setup segment.
 */

#define ZP_EXT_MEM_K	0x002		/* zero page: u16 KiB above 1 MiB (int 15h ah=88h) */
#define ZP_ALT_MEM_K	0x1e0		/* zero page: u32 KiB above 1 MiB (int 15h ax=E801h) */
#define ZP_E820_ENTRIES	0x1e8		/* zero page: u8 e820 entry count */
#define ZP_E820_TABLE	0x2d0		/* zero page: 20-byte e820 entries */
#define E820_MAX	128		/* slots between 0x2D0 and 0xCD0 */
#define E820_ENTRY	20
#define SMAP		0x534d4150	/* "SMAP", the e820 handshake */

	.code16
	.text
	.globl	read_e820, read_e801, read_88

/*
 * BIOS int 15h/E820: one 20-byte entry per call, ebx carries the
 * continuation (0 after the last). Stops at the table's 128 slots, on
 * carry (some BIOSes signal the end that way) or a bad signature. Entries
 * with zero length are dropped: they describe nothing.
 */
read_e820:
	xorl	%ebx, %ebx
	movw	$zero_page + ZP_E820_TABLE, %di
1:	movl	$0xe820, %eax
	movl	$E820_ENTRY, %ecx
	movl	$SMAP, %edx
	pushw	%di
	int	$0x15
	popw	%di
	jc	3f
	cmpl	$SMAP, %eax
	jne	3f
	cmpl	$E820_ENTRY, %ecx
	jb	2f
	movl	8(%di), %eax		/* length, low | high */
	orl	12(%di), %eax
	jz	2f
	addw	$E820_ENTRY, %di
	incb	zero_page + ZP_E820_ENTRIES
	cmpb	$E820_MAX, zero_page + ZP_E820_ENTRIES
	jae	3f
2:	testl	%ebx, %ebx
	jnz	1b
3:	ret

/*
 * BIOS int 15h/E801: memory above 1 MiB as KiB between 1 and 16 MiB (ax or
 * cx, at most 15 MiB) and 64 KiB blocks above 16 MiB (bx or dx). Some
 * BIOSes answer in ax/bx only, leaving cx/dx 0. A first count below 15 MiB
 * means a hole at 15 MiB: memory above 16 MiB is then left out, as it is not
 * contiguous. The total goes to alt_mem_k; nothing on failure.
 */
read_e801:
	xorw	%cx, %cx
	xorw	%dx, %dx
	movw	$0xe801, %ax
	int	$0x15
	jc	9f
	testw	%cx, %cx
	jnz	1f
	testw	%dx, %dx
	jnz	1f
	movw	%ax, %cx
	movw	%bx, %dx
1:	cmpw	$15*1024, %cx
	ja	9f			/* more than 15 MiB below 16 MiB: bogus */
	movzwl	%cx, %eax		/* (movzwl keeps the flags) */
	jb	2f			/* hole at 15 MiB: stop there */
	movzwl	%dx, %edx
	shll	$6, %edx		/* 64 KiB blocks -> KiB */
	addl	%edx, %eax
2:	movl	%eax, zero_page + ZP_ALT_MEM_K
9:	ret

/* BIOS int 15h/88h: KiB of memory above 1 MiB (at most 64 MiB), into ext_mem_k. */
read_88:
	movb	$0x88, %ah
	int	$0x15
	jc	9f
	movw	%ax, zero_page + ZP_EXT_MEM_K
9:	ret

