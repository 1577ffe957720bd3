/*
 * lib/start.S - where every user program starts (its ELF entry point): the
 * kernel leaves the System V initial stack (argc, argv, envp, auxv) at esp
 * and every register 0. The program's own start routine, program_main
 * (the linker script names it), gets the stack pointer and must not return.
 */
	.text
	.globl	_start
_start:
	xorl	%ebp, %ebp		/* the end of the frame-pointer chain */
	movl	%esp, %eax
	andl	$-16, %esp
	subl	$12, %esp
	pushl	%eax
	call	program_main
1:	jmp	1b
