/*
 * lib/syscall.S - the two ways into the kernel (docs/syscalls.md): `int $0x80`,
 * which every i386 has, and `sysenter`, faster, which the kernel offers only
 * when the CPU has it (the auxiliary vector says which: lib/start.ts).
 *
 *   i32 sys_int80(u32 n, u32 a, u32 b, u32 c, u32 d, u32 *second)
 *   i32 sys_sysenter(u32 n, u32 a, u32 b, u32 c, u32 d, u32 *second)
 *
 * eax = n, ebx/esi/edi/ebp = a/b/c/d; the result comes back in eax, a second
 * one in ebx, stored at `second` unless it is 0 (the caller's own word, so
 * threads never see each other's).
 */
	.text
	.globl	sys_int80
sys_int80:
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%ebx
	movl	20(%esp), %eax
	movl	24(%esp), %ebx
	movl	28(%esp), %esi
	movl	32(%esp), %edi
	movl	36(%esp), %ebp
	int	$0x80
	movl	40(%esp), %ecx
	testl	%ecx, %ecx
	jz	2f
	movl	%ebx, (%ecx)
2:	popl	%ebx
	popl	%esi
	popl	%edi
	popl	%ebp
	ret

	.globl	sys_sysenter
sys_sysenter:
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%ebx
	movl	20(%esp), %eax
	movl	24(%esp), %ebx
	movl	28(%esp), %esi
	movl	32(%esp), %edi
	movl	36(%esp), %ebp
	movl	%esp, %ecx		/* sysexit returns with this stack... */
	movl	$1f, %edx		/* ...at this address */
	/* sysenter, as bytes: -march=i586 refuses it; used only when the kernel says the CPU has it. */
	.byte	0x0f, 0x34
1:	movl	40(%esp), %ecx
	testl	%ecx, %ecx
	jz	2f
	movl	%ebx, (%ecx)
2:	popl	%ebx
	popl	%esi
	popl	%edi
	popl	%ebp
	ret

/*
 * Where a thread started by threadStart (lib/thread.ts) begins: its stack
 * holds the function and its argument; threadMain runs one and exits the
 * thread with its result.
 */
	.text
	/* Weak: a program that does not use lib/thread.ts never gets here. */
	.weak	lib_thread__threadMain
	.globl	thread_entry
thread_entry:
	popl	%eax			/* the function */
	popl	%ecx			/* its argument */
	xorl	%ebp, %ebp		/* the end of the frame-pointer chain */
	pushl	%ecx
	pushl	%eax
	call	lib_thread__threadMain
1:	jmp	1b

/*
 * i32 sys_sysenter_flags(u32 n, u32 a, u32 flags): a sysenter call made
 * with the EFLAGS bits `flags` (TF, NT) set first -- what a hostile or
 * careless program can do; the process manager's sysenter-flags test uses it
 * to show the kernel is not hurt. The flags are cleared again on return.
 */
	.text
	.globl	sys_sysenter_flags
sys_sysenter_flags:
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%ebx
	movl	20(%esp), %eax
	movl	24(%esp), %ebx
	movl	28(%esp), %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	movl	%esp, %ecx
	movl	$1f, %edx
	pushfl
	orl	%esi, (%esp)
	popfl
	.byte	0x0f, 0x34		/* sysenter */
1:	pushfl
	andl	$~0x4100, (%esp)	/* TF and NT off again, whatever came back */
	popfl
	popl	%ebx
	popl	%esi
	popl	%edi
	popl	%ebp
	ret
