/* The C runtime of Tsuki's systems TypeScript: fixed-width types, the
 * prelude's structs, 64-bit shifts with the subset's meaning, and one static
 * inline function per intrinsic (i386 inline assembly). On the host target
 * (TSUKI_HOST) the privileged instructions are functions of the recorded
 * machine instead (runtime/machine.c). Included by every generated
 * translation unit. */
#ifndef TSUKI_H
#define TSUKI_H
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

struct tsk_DescriptorTablePointer { uint16_t limit; uint32_t base; } __attribute__((packed));
_Static_assert(sizeof(struct tsk_DescriptorTablePointer) == 6, "lgdt/lidt operand is 6 bytes");
struct tsk_CpuidResult { uint32_t eax, ebx, ecx, edx; };

/* The privileged instructions, which the host target records instead of
 * executing (runtime/machine.c): machineOp("outb") is TSK_OP_outb. */
#define TSK_MACHINE_OPS(X) \
    X(outb) X(outw) X(outl) X(outsb) X(inb) X(inw) X(inl) X(cli) X(sti) X(hlt) \
    X(readCr0) X(readCr2) X(readCr3) X(readCr4) X(writeCr0) X(writeCr3) X(writeCr4) \
    X(invlpg) X(lgdt) X(lidt) X(ltr) X(loadCs) X(loadDs) X(loadEs) X(loadFs) X(loadGs) X(loadSs) \
    X(rdmsr) X(wrmsr)
#define TSK_OP_ENUM(name) TSK_OP_##name,
enum { TSK_OP_none, TSK_MACHINE_OPS(TSK_OP_ENUM) };
#undef TSK_OP_ENUM
/* One entry of the machine log (the prelude's MachineCall). */
struct tsk_MachineCall { uint32_t op; const char *name; uint32_t arg; uint64_t value; };

/* 64-bit shifts: counts of 64 or more give 0 (or -1 for >> of a negative value). */
static inline uint64_t tsk_shl64(uint64_t x, uint64_t n) { return n >= 64 ? 0 : x << n; }
static inline uint64_t tsk_shr64(uint64_t x, uint64_t n) { return n >= 64 ? 0 : x >> n; }
static inline int64_t tsk_sar64(int64_t x, uint64_t n) { return n >= 64 ? (x < 0 ? -1 : 0) : x >> n; }
/* A negative (i64) count shifts the other way, as JavaScript's bigint shifts do. */
static inline uint64_t tsk_shl64s(uint64_t x, int64_t n) { return n < 0 ? tsk_shr64(x, -(uint64_t)n) : tsk_shl64(x, (uint64_t)n); }
static inline uint64_t tsk_shr64s(uint64_t x, int64_t n) { return n < 0 ? tsk_shl64(x, -(uint64_t)n) : tsk_shr64(x, (uint64_t)n); }
static inline int64_t tsk_sar64s(int64_t x, int64_t n) { return n < 0 ? (int64_t)tsk_shl64((uint64_t)x, -(uint64_t)n) : tsk_sar64(x, (uint64_t)n); }
static inline int64_t tsk_sal64(int64_t x, uint64_t n) { return (int64_t)tsk_shl64((uint64_t)x, n); }
static inline int64_t tsk_sal64s(int64_t x, int64_t n) { return n < 0 ? tsk_sar64(x, -(uint64_t)n) : tsk_sal64(x, (uint64_t)n); }

/* Division and remainder by a divisor the compiler does not know. The
 * subset promises that x / 0 and INT_MIN / -1 trap; gcc would treat them as
 * undefined behaviour (and rewrite 1 / d as d == 1), so the 32-bit forms are
 * the divide instructions themselves and the 64-bit forms hide both operands
 * behind volatile reads (libgcc's routines then divide for real). All are
 * volatile: a quotient nobody reads is still computed, and still traps. */
static inline uint32_t tsk_div_u32(uint32_t a, uint32_t b) { uint32_t q, r; __asm__ volatile("divl %4" : "=a"(q), "=d"(r) : "a"(a), "d"(0), "rm"(b)); return q; }
static inline uint32_t tsk_rem_u32(uint32_t a, uint32_t b) { uint32_t q, r; __asm__ volatile("divl %4" : "=a"(q), "=d"(r) : "a"(a), "d"(0), "rm"(b)); return r; }
static inline int32_t tsk_div_i32(int32_t a, int32_t b) { int32_t q, r; __asm__ volatile("cltd\n\tidivl %3" : "=a"(q), "=&d"(r) : "a"(a), "rm"(b)); return q; }
/* x % -1 is 0 for every x, as in JavaScript; idiv would trap for INT_MIN % -1. */
static inline int32_t tsk_rem_i32(int32_t a, int32_t b) { int32_t q, r; if (b == -1) return 0; __asm__ volatile("cltd\n\tidivl %3" : "=a"(q), "=&d"(r) : "a"(a), "rm"(b)); return r; }
#define TSK_DIVREM64(T, name) \
    static inline T tsk_div_##name(T a, T b) { volatile T x = a, d = b; volatile T q = x / d; return q; } \
    static inline T tsk_rem_##name(T a, T b) { volatile T x = a, d = b; volatile T r = TSK_REM_MINUS_ONE_##name(d) ? 0 : x % d; return r; }
/* As for i32, x % -1 is 0 (and INT64_MIN % -1 does not reach libgcc). */
#define TSK_REM_MINUS_ONE_u64(d) 0
#define TSK_REM_MINUS_ONE_i64(d) ((d) == -1)
TSK_DIVREM64(uint64_t, u64)
TSK_DIVREM64(int64_t, i64)

static inline void tsk_memcpy(uint32_t dst, uint32_t src, uint32_t n) { __builtin_memcpy((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n); }
static inline void tsk_memset(uint32_t dst, uint8_t v, uint32_t n) { __builtin_memset((void *)(uintptr_t)dst, v, n); }
/* Volatile like the memory it is for (a text screen): the stores happen, in order. */
static inline void tsk_fill_words(uint32_t a, uint32_t n, uint32_t v) {
    void *p = (void *)(uintptr_t)a;
    __asm__ volatile("rep stosl" : "+D"(p), "+c"(n) : "a"(v) : "memory");
}
/* repe scasl stops after the first word that differs (ZF clear) or when ECX
 * reaches 0; with no words it compares nothing and leaves the flags alone. */
static inline uint32_t tsk_scan_words(uint32_t a, uint32_t n, uint32_t v) {
    if (n == 0) return 0;
    uint32_t left = n;
    const void *p = (const void *)(uintptr_t)a;
    bool differs;
    __asm__ volatile("repe scasl" : "+D"(p), "+c"(left), "=@ccnz"(differs) : "a"(v) : "memory");
    return n - left - (differs ? 1u : 0u);
}

static inline uint8_t tsk_vload8(uint32_t a) { return *(volatile uint8_t *)(uintptr_t)a; }
static inline uint16_t tsk_vload16(uint32_t a) { return *(volatile uint16_t *)(uintptr_t)a; }
static inline uint32_t tsk_vload32(uint32_t a) { return *(volatile uint32_t *)(uintptr_t)a; }
static inline void tsk_vstore8(uint32_t a, uint8_t v) { *(volatile uint8_t *)(uintptr_t)a = v; }
static inline void tsk_vstore16(uint32_t a, uint16_t v) { *(volatile uint16_t *)(uintptr_t)a = v; }
static inline void tsk_vstore32(uint32_t a, uint32_t v) { *(volatile uint32_t *)(uintptr_t)a = v; }

static inline void tsk_pause(void) { __asm__ volatile("pause"); }
static inline uint64_t tsk_rdtsc(void) { uint64_t v; __asm__ volatile("rdtsc" : "=A"(v)); return v; }
static inline void tsk_cpuid(uint32_t leaf, uint32_t sub, struct tsk_CpuidResult *r) {
    __asm__ volatile("cpuid" : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx) : "a"(leaf), "c"(sub));
}

#ifndef TSUKI_HOST
static inline void tsk_outb(uint16_t p, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(p) : "memory"); }
static inline void tsk_outw(uint16_t p, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(p) : "memory"); }
static inline void tsk_outl(uint16_t p, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(p) : "memory"); }
static inline void tsk_outsb(uint16_t p, uint32_t a, uint32_t n) {
    const void *s = (const void *)(uintptr_t)a;
    __asm__ volatile("rep outsb" : "+S"(s), "+c"(n) : "d"(p) : "memory");
}
static inline uint8_t tsk_inb(uint16_t p) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p) : "memory"); return v; }
static inline uint16_t tsk_inw(uint16_t p) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(p) : "memory"); return v; }
static inline uint32_t tsk_inl(uint16_t p) { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(p) : "memory"); return v; }
static inline void tsk_cli(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void tsk_sti(void) { __asm__ volatile("sti" : : : "memory"); }
static inline void tsk_hlt(void) { __asm__ volatile("hlt" : : : "memory"); }
static inline uint32_t tsk_read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t tsk_read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t tsk_read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t tsk_read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void tsk_write_cr0(uint32_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void tsk_write_cr3(uint32_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void tsk_write_cr4(uint32_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline void tsk_invlpg(uint32_t a) { __asm__ volatile("invlpg (%0)" : : "r"(a) : "memory"); }
static inline void tsk_lgdt(struct tsk_DescriptorTablePointer *p) { __asm__ volatile("lgdt (%0)" : : "r"(p) : "memory"); }
static inline void tsk_lidt(struct tsk_DescriptorTablePointer *p) { __asm__ volatile("lidt (%0)" : : "r"(p) : "memory"); }
static inline void tsk_ltr(uint16_t s) { __asm__ volatile("ltr %0" : : "r"(s) : "memory"); }
/* A far return reloads CS; execution continues at the next instruction. */
static inline void tsk_load_cs(uint16_t s) {
    __asm__ volatile("pushl %0\n\tpushl $1f\n\tlret\n1:" : : "r"((uint32_t)s) : "memory");
}
static inline void tsk_load_ds(uint16_t s) { __asm__ volatile("movw %0, %%ds" : : "r"(s) : "memory"); }
static inline void tsk_load_es(uint16_t s) { __asm__ volatile("movw %0, %%es" : : "r"(s) : "memory"); }
static inline void tsk_load_fs(uint16_t s) { __asm__ volatile("movw %0, %%fs" : : "r"(s) : "memory"); }
static inline void tsk_load_gs(uint16_t s) { __asm__ volatile("movw %0, %%gs" : : "r"(s) : "memory"); }
static inline void tsk_load_ss(uint16_t s) { __asm__ volatile("movw %0, %%ss" : : "r"(s) : "memory"); }
static inline uint64_t tsk_rdmsr(uint32_t msr) { uint64_t v; __asm__ volatile("rdmsr" : "=A"(v) : "c"(msr)); return v; }
static inline void tsk_wrmsr(uint32_t msr, uint64_t v) { __asm__ volatile("wrmsr" : : "c"(msr), "A"(v) : "memory"); }
#else
/* The host target: the recorded machine (runtime/machine.c). */
void tsk_outb(uint16_t p, uint8_t v);
void tsk_outw(uint16_t p, uint16_t v);
void tsk_outl(uint16_t p, uint32_t v);
void tsk_outsb(uint16_t p, uint32_t a, uint32_t n);
uint8_t tsk_inb(uint16_t p);
uint16_t tsk_inw(uint16_t p);
uint32_t tsk_inl(uint16_t p);
void tsk_cli(void);
void tsk_sti(void);
void tsk_hlt(void);
uint32_t tsk_read_cr0(void);
uint32_t tsk_read_cr2(void);
uint32_t tsk_read_cr3(void);
uint32_t tsk_read_cr4(void);
void tsk_write_cr0(uint32_t v);
void tsk_write_cr3(uint32_t v);
void tsk_write_cr4(uint32_t v);
void tsk_invlpg(uint32_t a);
void tsk_lgdt(struct tsk_DescriptorTablePointer *p);
void tsk_lidt(struct tsk_DescriptorTablePointer *p);
void tsk_ltr(uint16_t s);
void tsk_load_cs(uint16_t s);
void tsk_load_ds(uint16_t s);
void tsk_load_es(uint16_t s);
void tsk_load_fs(uint16_t s);
void tsk_load_gs(uint16_t s);
void tsk_load_ss(uint16_t s);
uint64_t tsk_rdmsr(uint32_t msr);
void tsk_wrmsr(uint32_t msr, uint64_t v);
uint32_t tsk_machine_log_length(void);
struct tsk_MachineCall *tsk_machine_log_entry(uint32_t i);
void tsk_machine_reset(void);
void tsk_machine_feed_port(uint16_t port, uint32_t value);
void tsk_machine_set_cr(uint32_t n, uint32_t value);
void tsk_machine_set_msr(uint32_t msr, uint64_t value);

void tsk_print_i32(int32_t v);
void tsk_print_u32(uint32_t v);
void tsk_print_i64(int64_t v);
void tsk_print_u64(uint64_t v);
void tsk_print_bool(bool v);
void tsk_print_str(const char *s);
void tsk_write(const char *s);
#endif
#endif
