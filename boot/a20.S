/*
 * boot/a20.S - setup16's A20 gate: without it, addresses wrap at 1 MiB and
 * the protected-mode image at 0x100000 is unreachable. Real mode, i386
 * instructions only.
 */

	.code16
	.text
	.globl	enable_a20

/*
 * A20: already on under most BIOSes; otherwise try the BIOS, the "fast A20"
 * port 0x92 and the keyboard controller, checking after each.
 * Returns with carry set if all of them failed.
 */
enable_a20:
	call	a20_on
	jnc	9f
	movw	$0x2401, %ax		/* BIOS: enable A20 gate */
	int	$0x15
	call	a20_on
	jnc	9f
	inb	$0x92, %al		/* fast A20; bit 0 would reset the CPU */
	orb	$0x02, %al
	andb	$0xfe, %al
	outb	%al, $0x92
	call	a20_on
	jnc	9f
	call	kbc_wait		/* keyboard controller output port */
	movb	$0xd1, %al
	outb	%al, $0x64
	call	kbc_wait
	movb	$0xdf, %al
	outb	%al, $0x60
	call	kbc_wait
	call	a20_on
9:	ret

/* Wait (bounded: there may be no controller) until the KBC takes input. */
kbc_wait:
	movw	$0xffff, %cx
1:	inb	$0x64, %al
	testb	$0x02, %al
	jz	2f
	loop	1b
2:	ret

/*
 * Is A20 on? With it off, 0xFFFF:0x0210 aliases 0x0000:0x0200. Change the
 * low word a few times and see whether the high one follows. Carry set =
 * off. The low word (an unused IVT slot) is restored.
 */
a20_on:
	pushw	%ds
	pushw	%es
	xorw	%ax, %ax
	movw	%ax, %ds
	decw	%ax
	movw	%ax, %es
	movw	0x200, %dx		/* saved */
	movw	$32, %cx
1:	incw	0x200
	outb	%al, $0x80		/* small delay: let the write settle */
	movw	0x200, %ax
	cmpw	%es:0x210, %ax
	jne	2f			/* differ: A20 is on (carry clear) */
	loop	1b
	stc
2:	movw	%dx, 0x200
	popw	%es
	popw	%ds
	ret

