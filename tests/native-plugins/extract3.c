/* An API 3.x extraction-only plugin over "n=<k>" payloads. Built twice:
 *  -DWITH_SOURCES: "xcounter", declares the compatible source "counter" and event type 322;
 *  otherwise:      "xany", declares no source, so it is offered every event and must answer "no value" for
 *                  payloads it does not understand. */
#include "testkit.h"

#ifdef WITH_SOURCES
#define NAME "xcounter"
#define PREFIX "xc"
#else
#define NAME "xany"
#define PREFIX "xa"
#endif

typedef struct {
	char err[256];
	uint64_t u64[4];
	const char* strs[4];
	char text[4][64];
} state;

EXPORT const char* plugin_get_required_api_version(void) { return "3.11.0"; }
EXPORT const char* plugin_get_version(void) { return "0.1.0"; }
EXPORT const char* plugin_get_name(void) { return NAME; }
EXPORT const char* plugin_get_description(void) { return "Squares the counter"; }
EXPORT const char* plugin_get_contact(void) { return "tests@falco-actors"; }
EXPORT const char* plugin_get_last_error(ss_plugin_t* p) { return ((state*)p)->err; }

EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
	(void)in;
	*rc = SS_PLUGIN_SUCCESS;
	return calloc(1, sizeof(state));
}

EXPORT void plugin_destroy(ss_plugin_t* p) { free(p); }

EXPORT const char* plugin_get_fields(void) {
	return "[{\"type\":\"uint64\",\"name\":\"" PREFIX ".square\",\"desc\":\"n*n\"},"
		"{\"type\":\"string\",\"name\":\"" PREFIX ".payload\",\"desc\":\"the payload text\"}]";
}

#ifdef WITH_SOURCES
EXPORT const char* plugin_get_extract_event_sources(void) { return "[\"counter\"]"; }
static uint16_t types[] = {PLUGIN_EVENT_TYPE};
EXPORT uint16_t* plugin_get_extract_event_types(uint32_t* n, ss_plugin_t* s) {
	(void)s;
	*n = 1;
	return types;
}
#endif

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* p, const ss_plugin_event_input* evt, const ss_plugin_field_extract_input* in) {
	state* s = p;
	const uint8_t* data;
	uint32_t len;
	uint64_t n = 0;
	int ok = plugin_event_payload(evt->evt, &data, &len) && parse_payload(data, len, &n);
	for (uint32_t i = 0; i < in->num_fields && i < 4; i++) {
		ss_plugin_extract_field* f = &in->fields[i];
		f->res_len = 0;
		if (!ok) continue;
		if (f->field_id == 0) {
			s->u64[i] = n * n;
			f->res.u64 = &s->u64[i];
			f->res_len = 1;
		} else if (f->field_id == 1) {
			snprintf(s->text[i], sizeof s->text[i], "%.*s", (int)len, (const char*)data);
			s->strs[i] = s->text[i];
			f->res.str = &s->strs[i];
			f->res_len = 1;
		}
	}
	return SS_PLUGIN_SUCCESS;
}
