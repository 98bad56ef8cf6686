// Bridges libxml2's HTML parser and tree API into Swift (pkg-config libxml-2.0).
#include <libxml/xmlversion.h>
// libxml2 built with ICU pulls the system's <unicode/*.h> into this module, whose enums clash with the ICU
// copy inside Foundation when one Swift module imports both. Nothing here touches the ICU-only fields of
// xmlCharEncodingHandler (handlers are only looked up and closed through pointers), so hide them.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

// `xmlFree` is a macro over a thread-local function pointer, which Swift cannot import; this wrapper can be.
static inline void claimtrack_xml_free(void *pointer) { xmlFree(pointer); }
