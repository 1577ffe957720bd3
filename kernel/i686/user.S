/*
 * kernel/i686/user.S - the ways between ring 0 and ring 3 that are not
 * interrupt gates (those are traps.S): the first entry into user mode, the
 * sysenter entry and its sysexit return, and the copy between user and
 * kernel memory that survives a page fault. kernel/i686/user.ts is their
 * interface; struct TrapFrame (kernel/i686/trap.ts) is the frame they build.
 */

#define USER_CODE	(0x18 | 3)
#define USER_DATA	(0x20 | 3)
#define EFLAGS_IF	0x200
#define EFLAGS_RESERVED	0x2
#define EFLAGS_TF	0x100
#define EFLAGS_NT	0x4000
#define VECTOR_SYSCALL	0x80

	.text

/*
 * void user_enter(u32 eip, u32 esp): leaves for ring 3 at eip with stack esp,
 * interrupts on, every general register 0, the data segments the user's.
 * Never returns: the next time this thread is in the kernel, it arrives at
 * the top of its kernel stack (TSS esp0).
 */
	.globl	user_enter
user_enter:
	movl	4(%esp), %ecx
	movl	8(%esp), %edx
	movl	$USER_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %fs
	movl	%eax, %gs
	pushl	$USER_DATA		/* ss */
	pushl	%edx			/* esp */
	pushl	$(EFLAGS_IF | EFLAGS_RESERVED)
	pushl	$USER_CODE		/* cs */
	pushl	%ecx			/* eip */
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	iret

/*
 * sysenter from ring 3 arrives here with interrupts off, CS/SS the kernel's
 * and ESP = SYSENTER_ESP = &sysenter_esp0, a word that always holds the
 * running thread's kernel stack top (kernel/i686/user.ts keeps it equal to
 * the TSS's esp0): the first load switches to that stack. Below the word is
 * a scratch stack, so that a debug trap raised on this very instruction
 * (sysenter keeps the user's TF) lands in memory of its own; the trap
 * dispatcher then clears TF and resumes here (faultFixup).
 *
 * The user's stub put its return address in edx and its stack pointer in
 * ecx (docs/syscalls.md). The frame built here is the one an `int $0x80` from
 * ring 3 leaves, user eflags included, so the one dispatcher serves both;
 * then the flags are made the kernel's own (sysenter clears only IF, VM and
 * RF: a user's NT, DF or AC must not reach kernel code or other threads),
 * and the return is by sysexit with the user's flags back.
 */
	.globl	sysenter_entry
sysenter_entry:
	movl	(%esp), %esp
	pushl	$USER_DATA		/* ss */
	pushl	%ecx			/* esp */
	pushfl				/* the user's eflags (IF clear: sysenter cleared it) */
	orl	$EFLAGS_IF, (%esp)	/* ...as the user will have them back */
	andl	$~(EFLAGS_NT | EFLAGS_TF), (%esp)
	pushl	$2			/* kernel flags: nothing but the always-one bit */
	popfl
	pushl	$USER_CODE		/* cs */
	pushl	%edx			/* eip */
	pushl	$0			/* error code */
	pushl	$VECTOR_SYSCALL
	jmp	sysenter_common		/* traps.S: the dispatcher, then sysexit */

/*
 * u32 user_copy(u32 dst, u32 src, u32 n): copies n bytes, returns 0; if one
 * of the accesses page-faults, the fault handler resumes at user_copy_fault
 * (the exception-table entry in trap.ts), which returns 1. Only
 * user_copy_access may fault: the caller has already checked that the user
 * side lies in [KLIMIT, 4 GiB), so a fault means unmapped or read-only.
 */
	.globl	user_copy
user_copy:
	pushl	%esi
	pushl	%edi
	movl	12(%esp), %edi
	movl	16(%esp), %esi
	movl	20(%esp), %ecx
	cld
	.globl	user_copy_access
user_copy_access:
	rep movsb
	.globl	user_copy_access_end
user_copy_access_end:
	xorl	%eax, %eax
	popl	%edi
	popl	%esi
	ret
	.globl	user_copy_fault
user_copy_fault:
	movl	$1, %eax
	popl	%edi
	popl	%esi
	ret

/*
 * The word SYSENTER_ESP points at (the running thread's kernel stack top),
 * above the scratch stack a debug trap on sysenter_entry's first
 * instruction uses (TrapFrame and the dispatcher's few frames: 1 KiB).
 */
	.bss
	.balign	16
	.globl	sysenter_scratch
sysenter_scratch:
	.space	1024
	.globl	sysenter_esp0
sysenter_esp0:
	.long	0
