// libxml2 built with ICU includes ICU's headers, whose enums clash with Foundation's own copy
// of ICU; kq never touches the encoding handlers those headers describe, so they stay out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

// xmlFree is a global function pointer, which Swift 6 will not read from any thread.
static inline void cxml_free(void *pointer) { xmlFree(pointer); }
