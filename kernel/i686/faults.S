/*
 * kernel/i686/faults.S - instructions the kernel's test modes execute on
 * purpose (kernel/selftest.ts): the subset has no intrinsic for them.
 */
	.text
	.globl	fault_invalid_opcode
fault_invalid_opcode:
	/* #UD, vector 6: a LOCK prefix on an instruction that cannot take one
	 * (Intel SDM, LOCK). ud2 would do too but is an i686 instruction. */
	.byte	0xf0, 0x90	/* lock nop */
	ret

	.globl	fault_stray_vector
fault_stray_vector:
	int	$0x41		/* no exception, no PIC line: the default handler */
	ret
