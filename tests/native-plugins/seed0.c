/* API 0.3.0 (Falco 0.31) plugins, built twice:
 *  -DSEED_SOURCE:    "seed_source", plugin_get_type() = 1, id 996, source "seed"; fields seed.n (uint64),
 *                    seed.text (string), seed.tag (string, "argRequired"); events "n=<k>", ts BASE_TS + k.
 *  -DSEED_EXTRACTOR: "seed_extractor", plugin_get_type() = 2, extracts from source "seed": seedx.square (uint64),
 *                    seedx.word (string). No value for payloads it does not understand.
 *  -DSEED_SOURCE -DZERO_ID: "seed_zero", the same source with plugin_get_id() = 0 and source "seedzero", as
 *                    falcosecurity/plugins dummy_c 0.2.x was (Falco 0.31 and sysdig load it).
 * Extraction is single-valued (field_present, res_str, res_u64); event_to_string takes (data, datalen). */
#include "testkit.h"

#define BASE_TS 1500000000000000000ULL

typedef struct {
	char err[256];
	uint64_t batch, count;
	char text[128];
	char tostr[128];
} state;

typedef struct {
	uint64_t next;
	legacy_event events[16];
	char payloads[16][24];
} instance;

EXPORT const char* plugin_get_required_api_version(void) { return "0.3.0"; }
EXPORT const char* plugin_get_version(void) { return "0.3.1"; }
EXPORT const char* plugin_get_description(void) { return "A seed-era plugin"; }
EXPORT const char* plugin_get_contact(void) { return "tests@falco-actors"; }
EXPORT const char* plugin_get_last_error(ss_plugin_t* p) { return ((state*)p)->err; }

EXPORT ss_plugin_t* plugin_init(const char* config, ss_plugin_rc* rc) {
	state* s = calloc(1, sizeof(state));
	s->batch = cfg_u64(config, "batch", 4);
	if (s->batch > 16) s->batch = 16;
	s->count = cfg_u64(config, "count", 10);
	*rc = SS_PLUGIN_SUCCESS;
	return s;
}

EXPORT void plugin_destroy(ss_plugin_t* p) { free(p); }

#ifdef SEED_SOURCE
EXPORT uint32_t plugin_get_type(void) { return 1; }
#ifdef ZERO_ID
EXPORT const char* plugin_get_name(void) { return "seed_zero"; }
EXPORT uint32_t plugin_get_id(void) { return 0; }
EXPORT const char* plugin_get_event_source(void) { return "seedzero"; }
#else
EXPORT const char* plugin_get_name(void) { return "seed_source"; }
EXPORT uint32_t plugin_get_id(void) { return 996; }
EXPORT const char* plugin_get_event_source(void) { return "seed"; }
#endif

EXPORT ss_instance_t* plugin_open(ss_plugin_t* p, const char* params, ss_plugin_rc* rc) {
	(void)p; (void)params;
	instance* h = calloc(1, sizeof(instance));
	h->next = 1;
	*rc = SS_PLUGIN_SUCCESS;
	return h;
}

EXPORT void plugin_close(ss_plugin_t* p, ss_instance_t* i) { (void)p; free(i); }

EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* p, ss_instance_t* i, uint32_t* nevts, legacy_event** evts) {
	state* s = p;
	instance* h = i;
	uint32_t n = 0;
	if (h->next > s->count) {
		*nevts = 0;
		return SS_PLUGIN_EOF;
	}
	while (n < s->batch && h->next <= s->count) {
		int len = snprintf(h->payloads[n], sizeof h->payloads[n], "n=%llu", (unsigned long long)h->next);
		h->events[n].data = (const uint8_t*)h->payloads[n];
		h->events[n].datalen = (uint32_t)len;
		h->events[n].ts = BASE_TS + h->next;
		n++;
		h->next++;
	}
	*nevts = n;
	*evts = h->events;
	return SS_PLUGIN_SUCCESS;
}

EXPORT const char* plugin_event_to_string(ss_plugin_t* p, const uint8_t* data, uint32_t datalen) {
	state* s = p;
	snprintf(s->tostr, sizeof s->tostr, "seed %.*s", (int)datalen, (const char*)data);
	return s->tostr;
}

EXPORT const char* plugin_get_fields(void) {
	return "[{\"type\":\"uint64\",\"name\":\"seed.n\",\"desc\":\"the counter\"},"
		"{\"type\":\"string\",\"name\":\"seed.text\",\"desc\":\"seed-<n>\"},"
		"{\"type\":\"string\",\"name\":\"seed.tag\",\"desc\":\"<arg>/<n>\",\"argRequired\":true}]";
}
#else
EXPORT uint32_t plugin_get_type(void) { return 2; }
EXPORT const char* plugin_get_name(void) { return "seed_extractor"; }
EXPORT const char* plugin_get_extract_event_sources(void) { return "[\"seed\"]"; }
EXPORT const char* plugin_get_fields(void) {
	return "[{\"type\":\"uint64\",\"name\":\"seedx.square\",\"desc\":\"n*n\"},"
		"{\"type\":\"string\",\"name\":\"seedx.word\",\"desc\":\"even or odd\"}]";
}
#endif

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* p, const legacy_event* evt, uint32_t num, seed_extract_field* fields) {
	state* s = p;
	uint64_t n = 0;
	int ok = parse_payload(evt->data, evt->datalen, &n);
	for (uint32_t i = 0; i < num; i++) {
		seed_extract_field* f = &fields[i];
		f->field_present = false;
		if (!ok) continue;
#ifdef SEED_SOURCE
		if (f->field_id == 0) { f->res_u64 = n; f->field_present = true; }
		else if (f->field_id == 1) {
			snprintf(s->text, sizeof s->text, "seed-%llu", (unsigned long long)n);
			f->res_str = s->text; f->field_present = true;
		} else if (f->field_id == 2 && f->arg && f->arg[0]) {
			snprintf(s->text, sizeof s->text, "%s/%llu", f->arg, (unsigned long long)n);
			f->res_str = s->text; f->field_present = true;
		}
#else
		if (f->field_id == 0) { f->res_u64 = n * n; f->field_present = true; }
		else if (f->field_id == 1) {
			snprintf(s->text, sizeof s->text, "%s", n % 2 ? "odd" : "even");
			f->res_str = s->text; f->field_present = true;
		}
#endif
	}
	return SS_PLUGIN_SUCCESS;
}
