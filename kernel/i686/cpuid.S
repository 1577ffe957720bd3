/*
 * kernel/i686/cpuid.S - does this CPU have the CPUID instruction?
 *
 * A CPU has CPUID if software can flip EFLAGS.ID (bit 21); a 386 and early
 * 486s cannot (Intel SDM vol. 1, 20.1.2 "Identification of Earlier IA-32
 * Processors"). There is no TypeScript intrinsic for pushf/popf, hence this
 * leaf function. setup32 links it for the CPU baseline check before anything
 * else, the kernel for its feature detection (kernel/i686/cpu.ts).
 *
 *   u32 cpu_has_cpuid(void): 1 if EFLAGS.ID can be changed, else 0.
 *   EFLAGS is restored; only i386 instructions are used.
 */
#define EFLAGS_ID 0x00200000

	.text
	.globl	cpu_has_cpuid
	.type	cpu_has_cpuid, @function
cpu_has_cpuid:
	pushfl
	popl	%eax
	movl	%eax, %ecx		/* the original EFLAGS */
	xorl	$EFLAGS_ID, %eax
	pushl	%eax
	popfl				/* try to flip ID */
	pushfl
	popl	%eax
	pushl	%ecx
	popfl				/* put EFLAGS back */
	xorl	%ecx, %eax		/* did ID change? */
	shrl	$21, %eax
	andl	$1, %eax
	ret
	.size	cpu_has_cpuid, . - cpu_has_cpuid
