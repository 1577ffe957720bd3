/*
 * boot/boot.S - the boot sector and the Linux/x86 boot protocol 2.04 header.
 *
 * Tsuki is never booted from a disk by the BIOS: a boot loader (GRUB, QEMU
 * -kernel, ...) reads the header below, loads the real-mode part (this
 * sector + setup16) at some segment X, the protected-mode part at 0x100000,
 * and enters either setup16 (16-bit loaders) or code32_start (32-bit
 * loaders). If a BIOS runs this sector anyway, it says so and halts.
 *
 * The header straddles the sector boundary exactly as the protocol lays it
 * out: 0x1F1-0x1FF live in this sector (section .bootsect), 0x200-0x22F start
 * the second sector (section .header). boot/realmode.ld places .header at
 * 0x200, followed by setup16's code at 0x230, and the build turns the two
 * output sections into the image's "boot" and "setup16" parts.
 *
 * Fields marked (image) are patched by `tsuki image`; fields marked (loader)
 * are written by the boot loader. See docs/boot.md and tools/bootproto.ts.
 */

#define LOADED_HIGH 0x01

	.code16
	.section .bootsect, "ax"
	.globl	bootsect_start
bootsect_start:
	/* BIOS entry: 0000:7C00 or 07C0:0000 -- normalise to 07C0:xxxx. */
	ljmp	$0x07c0, $1f
1:	movw	%cs, %ax
	movw	%ax, %ds
	movw	%ax, %ss
	xorw	%sp, %sp		/* stack wraps down from 07C0:0000 + 64K */
	cld
	movw	$bios_msg, %si
2:	lodsb
	testb	%al, %al
	jz	3f
	movb	$0x0e, %ah		/* int 10h teletype output */
	movw	$0x0007, %bx
	int	$0x10
	jmp	2b
3:	cli
	hlt
	jmp	3b

bios_msg:
	.ascii	"Tsuki is a kernel image, not a boot disk.\r\n"
	.asciz	"Boot it with a boot loader (GRUB linux/linux16, QEMU -kernel).\r\n"

	/* The setup header, first half (protocol offsets 0x1F1-0x1FF). */
	.org	0x1f1
	.globl	hdr_setup_sects
hdr_setup_sects: .byte 0		/* (image) 512-byte sectors of setup16 */
root_flags:	.word	0		/* obsolete: root read-only flag */
	.globl	hdr_syssize
hdr_syssize:	.long	0		/* (image) protected-mode part, 16-byte units */
ram_size:	.word	0		/* obsolete */
vid_mode:	.word	0xffff		/* "normal" VGA text mode: no mode switch */
root_dev:	.word	0		/* unused: Tsuki has no root device */
boot_flag:	.word	0xaa55		/* BIOS signature, checked by GRUB */

	/* The setup header, second half (0x200-0x22F), first bytes of setup16. */
	.section .header, "a"
	.globl	hdr_start
hdr_start:
	/*
	 * Short jump over the header to setup16's entry at 0x230. Written as
	 * bytes because GRUB also reads byte 0x201 as the header length
	 * (0x202 + 0x2e = 0x230) and copies that much into its zero page.
	 * boot/realmode.ld asserts that setup16_entry really is at 0x230.
	 */
	.byte	0xeb, 0x2e
	.ascii	"HdrS"			/* header signature */
	.word	0x0204			/* protocol version 2.04 */
realmode_swtch:	.long	0		/* no real-mode hook */
start_sys_seg:	.word	0x1000		/* obsolete, conventional value */
	.word	kernel_version_str - 0x200	/* kernel_version, offset from 0x200 */
type_of_loader:	.byte	0		/* (loader) */
loadflags:	.byte	LOADED_HIGH	/* protected-mode part goes to 0x100000 */
setup_move_size: .word	0x8000		/* obsolete for LOADED_HIGH images */
code32_start:	.long	0x100000	/* 32-bit entry: start of setup32 */
ramdisk_image:	.long	0		/* (loader) initrd physical address */
ramdisk_size:	.long	0		/* (loader) initrd size */
bootsect_kludge: .long	0		/* obsolete */
heap_end_ptr:	.word	0		/* (loader) setup heap end - 0x200 */
ext_loader_ver:	.byte	0		/* (loader) */
ext_loader_type: .byte	0		/* (loader) */
cmd_line_ptr:	.long	0		/* (loader) command line physical address */
/*
 * Highest address an initrd may end at. Below KLIMIT (128 MB), so a ramdisk
 * lies in the part of physical memory the kernel can map 1:1 in its global
 * (< KLIMIT) half without remapping.
 */
initrd_addr_max: .long	0x07ffffff
	.globl	hdr_end
hdr_end:

	/* Pointed at by kernel_version; `file` prints it. */
	.section .rodata.version, "a"
kernel_version_str:
	.asciz	"0.1.0 (tsuki)"
