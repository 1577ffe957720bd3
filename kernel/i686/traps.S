/*
 * kernel/i686/traps.S - entry stubs for the 32 CPU exception vectors.
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

	.text

.macro TRAP_NO_ERROR_CODE vector
	.globl trap\vector
trap\vector:
	pushl	$0
	pushl	$\vector
	jmp	trap_common
.endm

.macro TRAP_ERROR_CODE vector
	.globl trap\vector
trap\vector:
	pushl	$\vector
	jmp	trap_common
.endm

/* Vectors 8, 10-14, 17, 21, 29 and 30 push an error code (Intel SDM 6.13). */
TRAP_NO_ERROR_CODE 0
TRAP_NO_ERROR_CODE 1
TRAP_NO_ERROR_CODE 2
TRAP_NO_ERROR_CODE 3
TRAP_NO_ERROR_CODE 4
TRAP_NO_ERROR_CODE 5
TRAP_NO_ERROR_CODE 6
TRAP_NO_ERROR_CODE 7
TRAP_ERROR_CODE 8
TRAP_NO_ERROR_CODE 9
TRAP_ERROR_CODE 10
TRAP_ERROR_CODE 11
TRAP_ERROR_CODE 12
TRAP_ERROR_CODE 13
TRAP_ERROR_CODE 14
TRAP_NO_ERROR_CODE 15
TRAP_NO_ERROR_CODE 16
TRAP_ERROR_CODE 17
TRAP_NO_ERROR_CODE 18
TRAP_NO_ERROR_CODE 19
TRAP_NO_ERROR_CODE 20
TRAP_ERROR_CODE 21
TRAP_NO_ERROR_CODE 22
TRAP_NO_ERROR_CODE 23
TRAP_NO_ERROR_CODE 24
TRAP_NO_ERROR_CODE 25
TRAP_NO_ERROR_CODE 26
TRAP_NO_ERROR_CODE 27
TRAP_NO_ERROR_CODE 28
TRAP_ERROR_CODE 29
TRAP_ERROR_CODE 30
TRAP_NO_ERROR_CODE 31

trap_common:
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
	iret

/* trap_stubs[v] is the address of the stub for vector v, for the IDT. */
	.section .rodata
	.balign 4
	.globl trap_stubs
trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long trap\v
	.endr
