// Why libxml2 gets an arena: it builds a page's tree out of many small allocations (each node, name, text and
// attribute value) and xmlFreeDoc hands them back one by one. Made with malloc they land in the holes between the
// documents a batch keeps, so the longer a run goes on the more scattered they are, and the allocator's bin walks
// and consolidations miss the cache on every chunk: at 100,000 documents glibc's allocator took 45 % of ingest.
// Within a scope (one page: parse, copy into Swift nodes, free), libxml2 allocates here by moving a pointer and
// frees nothing; leaving the scope takes everything back at once, and the next page reuses the same warm pages.
//
// Safety rests on three rules:
// - A pointer is an arena pointer when it lies in one reserved range of address space, so `free` and `realloc`
//   tell the two kinds apart without a header on malloc's blocks: memory libxml2 got from malloc before the
//   install, outside a scope or on another thread goes back to malloc.
// - Freeing an arena pointer does nothing, even after its scope ended (libxml2 keeps the last error of each
//   thread, whose strings it frees when the next error replaces them); the range stays mapped for the life of the
//   process, so such late frees never touch unmapped memory.
// - libxml2's global tables and each thread's own state are made outside any scope (xmlInitParser at install,
//   xmlGetGlobalState before a thread's first scope), so nothing that outlives a page comes from the arena.
#include "xml_arena.h"

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

// Under AddressSanitizer (the fuzz builds) libxml2 keeps malloc, so the sanitizer still sees every block.
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_DISABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_DISABLED 1
#endif
#endif

/// Threads that can hold an arena at once (one bit each in `taken_slots`); a thread beyond them uses malloc.
#define SLOT_COUNT 64
/// Address space per thread: a page whose tree needs more continues in malloc.
#define SLOT_BYTES ((size_t)1 << 30)
/// Memory is made accessible in steps of this size as a scope grows.
#define COMMIT_STEP ((size_t)1 << 20)
/// What a thread keeps between scopes: enough for a usual page; beyond it, pages go back to the system.
#define KEPT_BYTES ((size_t)4 << 20)
/// Before each block: its requested size (for realloc), padded so blocks stay 16-byte aligned like malloc's.
#define HEADER_BYTES ((size_t)16)

/// SLOT_COUNT * SLOT_BYTES of address space, inaccessible until committed; NULL until installed.
static char *reservation;
static _Atomic uint64_t taken_slots;
static _Atomic int installed;
static pthread_key_t slot_key;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

/// The calling thread's arena.
struct arena {
    char *start;      // the thread's slot; NULL while it has none
    char *next;       // first free byte
    char *committed;  // end of the accessible part
    int depth;        // nesting of enter and leave
    int spilled;      // an allocation of the current scope went to malloc
    int ready;        // libxml2's per-thread state has been made (outside any scope)
};
static __thread struct arena arena;

static size_t round_up(size_t value, size_t step) { return (value + step - 1) / step * step; }

static int in_reservation(const void *pointer) {
    return reservation != NULL
        && (uintptr_t)pointer - (uintptr_t)reservation < (uintptr_t)SLOT_COUNT * SLOT_BYTES;
}

/// Turns part of a slot back into inaccessible address space with no pages behind it.
static void decommit(char *from, size_t bytes) {
    if (bytes > 0) mmap(from, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
}

/// Makes the slot accessible up to at least `end`; 0 when the system refuses.
static int commit(char *end) {
    char *target = arena.start + round_up((size_t)(end - arena.start), COMMIT_STEP);
    if (mprotect(arena.committed, (size_t)(target - arena.committed), PROT_READ | PROT_WRITE) != 0) return 0;
    arena.committed = target;
    return 1;
}

/// At thread exit: the slot's pages go back and the slot is free for another thread.
static void release_slot(void *value) {
    char *start = value;
    decommit(start, SLOT_BYTES);
    uint64_t bit = (uint64_t)1 << ((size_t)(start - reservation) / SLOT_BYTES);
    atomic_fetch_and(&taken_slots, ~bit);
    arena.start = arena.next = arena.committed = NULL;
}

static void take_slot(void) {
    uint64_t taken = atomic_load(&taken_slots);
    while (taken != UINT64_MAX) {
        int index = __builtin_ctzll(~taken);
        if (atomic_compare_exchange_weak(&taken_slots, &taken, taken | ((uint64_t)1 << index))) {
            arena.start = arena.next = arena.committed = reservation + (size_t)index * SLOT_BYTES;
            pthread_setspecific(slot_key, arena.start);
            return;
        }
    }
}

/// malloc for an allocation the arena cannot take, noting that the scope no longer holds all of its memory.
static void *spill(size_t size) {
    arena.spilled = 1;
    return malloc(size);
}

static void *arena_malloc(size_t size) {
    if (arena.depth == 0) return malloc(size);
    if (arena.start == NULL || size > SLOT_BYTES) return spill(size);
    size_t need = HEADER_BYTES + round_up(size ? size : 1, 16);
    char *block = arena.next;
    if (need > (size_t)(arena.start + SLOT_BYTES - block)) return spill(size);
    if (block + need > arena.committed && !commit(block + need)) return spill(size);
    arena.next = block + need;
    ((size_t *)(block + HEADER_BYTES))[-1] = size;
    return block + HEADER_BYTES;
}

static void arena_free(void *pointer) {
    if (pointer == NULL || in_reservation(pointer)) return;
    free(pointer);
}

static void *arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return arena_malloc(size);
    if (!in_reservation(pointer)) return realloc(pointer, size);
    char *block = pointer;
    size_t old = ((size_t *)block)[-1];
    // The newest block grows or shrinks in place (libxml2's buffers grow by reallocation).
    if (arena.depth > 0 && arena.start != NULL && block + round_up(old ? old : 1, 16) == arena.next
        && size <= SLOT_BYTES) {
        char *end = block + round_up(size ? size : 1, 16);
        if (end <= arena.start + SLOT_BYTES && (end <= arena.committed || commit(end))) {
            arena.next = end;
            ((size_t *)block)[-1] = size;
            return block;
        }
    }
    void *moved = arena_malloc(size);
    if (moved != NULL) memcpy(moved, block, old < size ? old : size);
    return moved;
}

static char *arena_strdup(const char *text) {
    size_t bytes = strlen(text) + 1;
    char *copy = arena_malloc(bytes);
    if (copy != NULL) memcpy(copy, text, bytes);
    return copy;
}

static void install(void) {
#ifndef ARENA_DISABLED
    // libxml2's global tables are made now, with malloc, before any scope exists.
    xmlInitParser();
    void *space = mmap(NULL, (size_t)SLOT_COUNT * SLOT_BYTES, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (space == MAP_FAILED) return;
    if (pthread_key_create(&slot_key, release_slot) != 0) {
        munmap(space, (size_t)SLOT_COUNT * SLOT_BYTES);
        return;
    }
    reservation = space;
    if (xmlMemSetup(arena_free, arena_malloc, arena_realloc, arena_strdup) != 0) return;
    atomic_store(&installed, 1);
#endif
}

int claimtrack_xml_arena_install(void) {
    pthread_once(&install_once, install);
    return atomic_load(&installed);
}

void claimtrack_xml_arena_enter(void) {
    if (arena.depth++ > 0) return;
    arena.spilled = 0;
    if (!atomic_load(&installed)) return;
    if (!arena.ready) {
        // This thread's libxml2 state (its last error, ...) outlives every scope, so it is made outside one.
        arena.depth = 0;
        xmlGetGlobalState();
        arena.depth = 1;
        arena.ready = 1;
    }
    if (arena.start == NULL) take_slot();
}

void claimtrack_xml_arena_leave(void) {
    if (arena.depth == 0 || --arena.depth > 0 || arena.start == NULL) return;
    arena.next = arena.start;
    size_t committed = (size_t)(arena.committed - arena.start);
    if (committed > KEPT_BYTES) {
        decommit(arena.start + KEPT_BYTES, committed - KEPT_BYTES);
        arena.committed = arena.start + KEPT_BYTES;
    }
}

int claimtrack_xml_arena_holds_all(void) {
    return arena.depth > 0 && arena.start != NULL && !arena.spilled;
}

int claimtrack_xml_arena_contains(const void *pointer) { return in_reservation(pointer); }

size_t claimtrack_xml_arena_used(void) {
    return arena.start == NULL ? 0 : (size_t)(arena.next - arena.start);
}
