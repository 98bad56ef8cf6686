// A per-thread bump arena that libxml2 allocates from while one HTML page is parsed and copied (see xml_arena.c).
#ifndef CLAIMTRACK_XML_ARENA_H
#define CLAIMTRACK_XML_ARENA_H

#include <stddef.h>

/// Makes libxml2 allocate through the arena functions below (once per process; later calls do nothing).
/// Returns 1 when the arena is in use, 0 when it could not be set up (the functions then act as malloc and free).
int claimtrack_xml_arena_install(void);

/// Starts an arena scope on the calling thread: until the matching `claimtrack_xml_arena_leave`, libxml2's
/// allocations on this thread come from the thread's arena and its frees do nothing. Scopes nest.
void claimtrack_xml_arena_enter(void);

/// Ends the scope; leaving the outermost one releases every allocation made in it at once. Nothing allocated
/// inside may be used afterwards.
void claimtrack_xml_arena_leave(void);

/// Whether every libxml2 allocation of the calling thread's current scope came from its arena, so that leaving the
/// scope frees all of them and xmlFreeDoc on a tree made in it would only walk the tree. 0 outside a scope.
int claimtrack_xml_arena_holds_all(void);

/// Whether `pointer` lies in an arena (for tests).
int claimtrack_xml_arena_contains(const void *pointer);

/// Bytes handed out in the calling thread's current scope (for tests).
size_t claimtrack_xml_arena_used(void);

#endif
