/* The recorded machine: what the privileged i386 intrinsics do on the host
 * target (docs/subset.md, "Testing code near the hardware").
 *
 * A kernel module that programs a device or the MMU compiles unchanged with
 * --target host; there, instead of executing `outb` or `mov %cr3`, each
 * intrinsic appends one entry (operation, operand, value) to the machine log,
 * which the test driver reads with machineLogLength()/machineLogEntry().
 * Reads return what the test put there: values fed to a port (a queue whose
 * last value repeats), and control registers and MSRs, which hold what was
 * last written or set. Anything the model cannot honour (a full log, an entry
 * that was never recorded, a register i386 does not have) ends the program
 * with a message on stderr and SIGABRT, never with a wrong value. */
#define TSUKI_HOST 1
#include "tsuki.h"
#include <stdio.h>
#include <stdlib.h>

/* Enough for any test between two machineReset() calls; a loop that never
 * ends (`for (;;) hlt()`, a wait on a port nobody fed) fills it quickly. */
#define LOG_CAPACITY 16384
#define PORT_QUEUE 64
#define MSR_SLOTS 64

static const char *const NAMES[] = {
#define TSK_OP_NAME(name) [TSK_OP_##name] = #name,
    TSK_MACHINE_OPS(TSK_OP_NAME)
#undef TSK_OP_NAME
};

static struct tsk_MachineCall log_[LOG_CAPACITY];
static uint32_t logLength;
static uint32_t cr[5];
static struct { uint16_t port; uint32_t value; } fed[PORT_QUEUE];
static uint32_t fedCount;
static struct { uint32_t msr; uint64_t value; } msrs[MSR_SLOTS];
static uint32_t msrCount;

static _Noreturn void stop(const char *what, uint32_t n) {
    fflush(stdout);
    fprintf(stderr, "tsuki host machine: ");
    fprintf(stderr, what, n);
    fputc('\n', stderr);
    abort();
}

static void record(uint32_t op, uint32_t arg, uint64_t value) {
    if (logLength == LOG_CAPACITY) {
        stop("the machine log is full (%u instructions since machineReset()): "
             "a loop that never ends, such as for (;;) hlt() or a wait on a port nobody fed?", LOG_CAPACITY);
    }
    log_[logLength++] = (struct tsk_MachineCall){ op, NAMES[op], arg, value };
}

uint32_t tsk_machine_log_length(void) { return logLength; }

struct tsk_MachineCall *tsk_machine_log_entry(uint32_t i) {
    if (i >= logLength) {
        fflush(stdout);
        fprintf(stderr, "tsuki host machine: machineLogEntry(%u): the log holds %u entries\n", i, logLength);
        abort();
    }
    return &log_[i];
}

void tsk_machine_reset(void) {
    logLength = 0;
    fedCount = 0;
    msrCount = 0;
    for (int i = 0; i < 5; i++) cr[i] = 0;
}

/* ---- ports: writes are recorded, reads take the next value fed to the port */

void tsk_machine_feed_port(uint16_t port, uint32_t value) {
    if (fedCount == PORT_QUEUE) stop("machineFeedPort: more than %u values queued", PORT_QUEUE);
    fed[fedCount].port = port;
    fed[fedCount].value = value;
    fedCount++;
}

/* The oldest value fed to the port; it is consumed unless it is the port's last one. */
static uint32_t portRead(uint16_t port) {
    uint32_t first = fedCount, count = 0;
    for (uint32_t i = 0; i < fedCount; i++) {
        if (fed[i].port != port) continue;
        if (count++ == 0) first = i;
    }
    if (count == 0) return 0;
    uint32_t v = fed[first].value;
    if (count > 1) {
        for (uint32_t i = first; i + 1 < fedCount; i++) fed[i] = fed[i + 1];
        fedCount--;
    }
    return v;
}

void tsk_outb(uint16_t p, uint8_t v) { record(TSK_OP_outb, p, v); }
void tsk_outw(uint16_t p, uint16_t v) { record(TSK_OP_outw, p, v); }
void tsk_outl(uint16_t p, uint32_t v) { record(TSK_OP_outl, p, v); }
void tsk_outsb(uint16_t p, uint32_t a, uint32_t n) { (void)a; record(TSK_OP_outsb, p, n); }
uint8_t tsk_inb(uint16_t p) { uint8_t v = (uint8_t)portRead(p); record(TSK_OP_inb, p, v); return v; }
uint16_t tsk_inw(uint16_t p) { uint16_t v = (uint16_t)portRead(p); record(TSK_OP_inw, p, v); return v; }
uint32_t tsk_inl(uint16_t p) { uint32_t v = portRead(p); record(TSK_OP_inl, p, v); return v; }

/* ---- control registers and MSRs hold what was last written or set */

void tsk_machine_set_cr(uint32_t n, uint32_t value) {
    if (n != 0 && n != 2 && n != 3 && n != 4) stop("machineSetCr(%u): i386 has CR0, CR2, CR3 and CR4", n);
    cr[n] = value;
}

uint32_t tsk_read_cr0(void) { record(TSK_OP_readCr0, 0, cr[0]); return cr[0]; }
uint32_t tsk_read_cr2(void) { record(TSK_OP_readCr2, 0, cr[2]); return cr[2]; }
uint32_t tsk_read_cr3(void) { record(TSK_OP_readCr3, 0, cr[3]); return cr[3]; }
uint32_t tsk_read_cr4(void) { record(TSK_OP_readCr4, 0, cr[4]); return cr[4]; }
void tsk_write_cr0(uint32_t v) { cr[0] = v; record(TSK_OP_writeCr0, 0, v); }
void tsk_write_cr3(uint32_t v) { cr[3] = v; record(TSK_OP_writeCr3, 0, v); }
void tsk_write_cr4(uint32_t v) { cr[4] = v; record(TSK_OP_writeCr4, 0, v); }

static uint64_t *msrSlot(uint32_t msr, bool create) {
    for (uint32_t i = 0; i < msrCount; i++) if (msrs[i].msr == msr) return &msrs[i].value;
    if (!create) return NULL;
    if (msrCount == MSR_SLOTS) stop("more than %u different MSRs written", MSR_SLOTS);
    msrs[msrCount].msr = msr;
    msrs[msrCount].value = 0;
    return &msrs[msrCount++].value;
}

void tsk_machine_set_msr(uint32_t msr, uint64_t value) { *msrSlot(msr, true) = value; }
uint64_t tsk_rdmsr(uint32_t msr) {
    uint64_t *slot = msrSlot(msr, false);
    uint64_t v = slot ? *slot : 0;
    record(TSK_OP_rdmsr, msr, v);
    return v;
}
void tsk_wrmsr(uint32_t msr, uint64_t v) { *msrSlot(msr, true) = v; record(TSK_OP_wrmsr, msr, v); }

/* ---- the rest is recorded with its operand: address, selector, table */

void tsk_cli(void) { record(TSK_OP_cli, 0, 0); }
void tsk_sti(void) { record(TSK_OP_sti, 0, 0); }
void tsk_hlt(void) { record(TSK_OP_hlt, 0, 0); }
void tsk_invlpg(uint32_t a) { record(TSK_OP_invlpg, a, 0); }
/* The table's base and limit as they are when the instruction runs. */
void tsk_lgdt(struct tsk_DescriptorTablePointer *p) { record(TSK_OP_lgdt, p->base, p->limit); }
void tsk_lidt(struct tsk_DescriptorTablePointer *p) { record(TSK_OP_lidt, p->base, p->limit); }
void tsk_ltr(uint16_t s) { record(TSK_OP_ltr, s, 0); }
void tsk_load_cs(uint16_t s) { record(TSK_OP_loadCs, s, 0); }
void tsk_load_ds(uint16_t s) { record(TSK_OP_loadDs, s, 0); }
void tsk_load_es(uint16_t s) { record(TSK_OP_loadEs, s, 0); }
void tsk_load_fs(uint16_t s) { record(TSK_OP_loadFs, s, 0); }
void tsk_load_gs(uint16_t s) { record(TSK_OP_loadGs, s, 0); }
void tsk_load_ss(uint16_t s) { record(TSK_OP_loadSs, s, 0); }
