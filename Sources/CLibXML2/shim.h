// Bridges libxml2's HTML parser and tree API into Swift (pkg-config libxml-2.0).
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
