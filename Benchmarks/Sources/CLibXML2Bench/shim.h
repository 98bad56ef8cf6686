// libxml2's HTML parser, for the parse-only reference rate (pkg-config libxml-2.0).
#include <libxml/xmlversion.h>
// Keep ICU's headers out of this module, as the main package's shim does, so Foundation's ICU copy does not clash.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
