/*
 * kernel/i686/switch.S - switching kernel stacks, the one place a thread's
 * machine state changes hands (kernel/i686/switch.ts is its interface).
 *
 * A thread that is not running is described by one word, its saved kernel
 * stack pointer. On that stack, from the saved esp up:
 *
 *   edi, esi, ebx, ebp      the callee-saved registers of the System V i386 ABI
 *   return address          into context_switch's caller (or context_entry)
 *
 * Everything else the thread needs is either caller-saved (the C code that
 * called context_switch saved it) or already on the stack below that frame
 * (an interrupted thread's TrapFrame, from traps.S). Interrupts are off
 * across the switch: the scheduler runs with them off, and the thread that
 * is switched to turns them back on itself (iret, popf, or sti in
 * context_entry's callee).
 */

	.text

/*
 * void context_switch(u32 *save, u32 next_esp, u32 next_cr3)
 * Saves the running thread's stack pointer in *save, loads CR3 with next_cr3
 * if it is not already loaded (a reload would flush the non-global TLB
 * entries for nothing: threads of one address space share them), and runs
 * the next thread from its saved stack pointer.
 */
	.globl	context_switch
context_switch:
	movl	4(%esp), %eax		/* save */
	movl	8(%esp), %ecx		/* next_esp */
	movl	12(%esp), %edx		/* next_cr3 */
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%cr3, %eax
	cmpl	%eax, %edx
	je	1f
	movl	%edx, %cr3
1:	movl	%ecx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

/*
 * Where a new thread's first context_switch returns to (switch.ts builds its
 * stack): calls the kernel's thread start routine, which never returns. The
 * zero ebp that context_switch popped ends stack traces here.
 */
	.globl	context_entry
context_entry:
	call	kernel_i686_switch__contextStarted
	cli				/* not reached: a thread ends by switching away */
2:	hlt
	jmp	2b

/* u32 interrupts_save(void): eflags, then interrupts off. */
	.globl	interrupts_save
interrupts_save:
	pushfl
	popl	%eax
	cli
	ret

/* void interrupts_restore(u32 eflags): interrupts back as eflags.IF says. */
	.globl	interrupts_restore
interrupts_restore:
	pushl	4(%esp)
	popfl
	ret
