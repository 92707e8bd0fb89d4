#ifndef GOVPACK_CLIBXML2_SHIM_H
#define GOVPACK_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU, and encoding.h then includes the system's <unicode/ucnv.h>,
   whose enums clash with the ICU copy inside Foundation. Nothing here uses the ICU-only fields
   (they sit at the end of xmlCharEncodingHandler, which Swift only sees through pointers), so
   the ICU part of the header is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/entities.h>
#include <libxml/dict.h>

/* Small accessors so Swift never has to take the address of a C struct field itself. */

/* Plugs streaming schema validation into a parser context's SAX pipeline. */
static inline xmlSchemaSAXPlugPtr govpack_schema_plug(xmlSchemaValidCtxtPtr v, xmlParserCtxtPtr c) {
    return xmlSchemaSAXPlug(v, &c->sax, &c->userData);
}

/* The parser's current line (exact, not capped at 65535). */
static inline int govpack_input_line(xmlParserCtxtPtr c) {
    return (c != NULL && c->input != NULL) ? c->input->line : 0;
}

/* The parser's buffer: base, current position, end, and whether base is the document's start. */
static inline const xmlChar *govpack_input_base(xmlParserCtxtPtr c) {
    return (c != NULL && c->input != NULL) ? c->input->base : NULL;
}
static inline const xmlChar *govpack_input_cur(xmlParserCtxtPtr c) {
    return (c != NULL && c->input != NULL) ? c->input->cur : NULL;
}
static inline const xmlChar *govpack_input_end(xmlParserCtxtPtr c) {
    return (c != NULL && c->input != NULL) ? c->input->end : NULL;
}
static inline int govpack_input_col(xmlParserCtxtPtr c) {
    return (c != NULL && c->input != NULL) ? c->input->col : 0;
}
static inline int govpack_input_at_start(xmlParserCtxtPtr c) {
    return (c != NULL && c->input != NULL && c->input->consumed == 0) ? 1 : 0;
}
static inline int govpack_well_formed(xmlParserCtxtPtr c) {
    return c != NULL ? c->wellFormed : 0;
}
static inline xmlDictPtr govpack_dict(xmlParserCtxtPtr c) {
    return c != NULL ? c->dict : NULL;
}

/* libxml2 prints some errors through a variadic "generic" handler Swift cannot implement. */
static void govpack_silent_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void govpack_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, govpack_silent_generic_error); }
#endif
