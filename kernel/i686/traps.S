/*
 * kernel/i686/traps.S - entry stubs for all 256 interrupt vectors.
 *
 * Each stub makes the stack look the same whatever the vector (the CPU pushes
 * an error code for some exceptions only), saves the interrupted state, and
 * calls the TypeScript dispatcher with a pointer to it. The resulting layout
 * is struct TrapFrame in kernel/i686/trap.ts; keep the two in step.
 *
 *   (higher addresses)
 *   ss, esp          only when coming from ring 3
 *   eflags, cs, eip  pushed by the CPU
 *   error code       by the CPU, or a 0 pushed by the stub
 *   vector           by the stub
 *   ds, es, fs, gs   by trap_common
 *   eax ... edi      by pushal
 *   (esp points here: the TrapFrame)
 */

#define KERNEL_DATA 0x10
#define STUB_SIZE 16

	.text

/*
 * One stub per vector, each STUB_SIZE bytes from trap_stubs, so the IDT
 * finds the stub of vector v at trap_stubs + v * STUB_SIZE. Vectors 8,
 * 10-14, 17, 21, 29 and 30 get an error code from the CPU (Intel SDM 6.13);
 * for all the others the stub pushes a 0 in its place. Interrupts from the
 * PICs (0x20-0x2f), the system call (0x80) and every other vector go the same
 * way: the dispatcher tells them apart.
 */
	.balign STUB_SIZE
	.globl trap_stubs
trap_stubs:
	.set vector, 0
	.rept 256
	.balign STUB_SIZE
	.if (vector == 8) || ((vector >= 10) && (vector <= 14)) || (vector == 17) || (vector == 21) || (vector == 29) || (vector == 30)
	.else
	pushl	$0
	.endif
	pushl	$vector
	jmp	trap_common
	.set vector, vector + 1
	.endr
	.balign STUB_SIZE
	.globl trap_stubs_end
trap_stubs_end:

/*
 * The rest of the TrapFrame (segments, general registers), the dispatcher,
 * and back down to the CPU's part of the frame: the same for every way in.
 */
.macro	DISPATCH
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	movl	$KERNEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	cld
	pushl	%esp			/* the TrapFrame */
	call	kernel_i686_trap__trapDispatch
	addl	$4, %esp
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp		/* vector and error code */
.endm

trap_common:
	DISPATCH
	iret

/*
 * The sysenter entry's (kernel/i686/user.S) second half: it built the CPU's
 * part of the frame, vector and error code as an `int $0x80` from ring 3
 * would, and jumps here; the return is by sysexit, with the user's flags.
 */
#define EFLAGS_IF 0x200
	.globl	sysenter_common
sysenter_common:
	DISPATCH
	/* sysexit: eip from edx, esp from ecx; the frame may have been changed. */
	movl	0(%esp), %edx		/* eip */
	movl	12(%esp), %ecx		/* esp */
	pushl	8(%esp)			/* the user's eflags, without IF until sysexit */
	andl	$~EFLAGS_IF, (%esp)
	popfl
	sti				/* takes effect after the next instruction */
	/* sysexit, as bytes: the assembler's -march=i586 rightly refuses a P6
	 * instruction; this one runs only on CPUs where sysenterInit() found it. */
	.byte	0x0f, 0x35
