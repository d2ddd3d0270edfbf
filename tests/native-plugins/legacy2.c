/* "legacy": an API 2.0.0 (or, with -DAPI_ONE, 1.0.0) source + extraction plugin.
 * Old ABI: init(config, rc), next_batch returns a contiguous array of 32-byte events, extract_fields takes the old
 * event struct and fields whose arg_present/flist are one-byte bools. Event k has payload "n=<k>", ts BASE_TS + k.
 * With -DNO_FIELDS (API 1.0.0): "nofields", id 993, whose plugin_get_fields returns "[]", as Falco 0.32's
 * test_source plugin did (Falco loads it as a source without fields). */
#include "testkit.h"

#if defined(NO_FIELDS)
#define API "1.0.0"
#define NAME "nofields"
#define ID 993
#elif defined(API_ONE)
#define API "1.0.0"
#define NAME "legacy1"
#define ID 997
#else
#define API "2.0.0"
#define NAME "legacy2"
#define ID 998
#endif
#define BASE_TS 1600000000000000000ULL

typedef struct {
	char err[256];
	uint64_t batch, count;
	uint64_t u64[8][32];
	const char* strs[8];
	char text[8][64];
	char tostr[128];
} state;

typedef struct {
	uint64_t next;
	legacy_event* events;
	char payloads[64][24];
} instance;

EXPORT const char* plugin_get_required_api_version(void) { return API; }
EXPORT const char* plugin_get_version(void) { return "0.9.0"; }
EXPORT const char* plugin_get_name(void) { return NAME; }
EXPORT const char* plugin_get_description(void) { return "An old-ABI counter"; }
EXPORT const char* plugin_get_contact(void) { return "tests@falco-actors"; }
EXPORT uint32_t plugin_get_id(void) { return ID; }
EXPORT const char* plugin_get_event_source(void) { return NAME; }
EXPORT const char* plugin_get_last_error(ss_plugin_t* p) { return ((state*)p)->err; }

EXPORT ss_plugin_t* plugin_init(const char* config, ss_plugin_rc* rc) {
	state* s = calloc(1, sizeof(state));
	s->batch = cfg_u64(config, "batch", 7);
	if (s->batch > 64) s->batch = 64;
	s->count = cfg_u64(config, "count", 20);
	*rc = SS_PLUGIN_SUCCESS;
	return s;
}

EXPORT void plugin_destroy(ss_plugin_t* p) { free(p); }

EXPORT ss_instance_t* plugin_open(ss_plugin_t* p, const char* params, ss_plugin_rc* rc) {
	state* s = p;
	(void)params;
	instance* h = calloc(1, sizeof(instance));
	h->next = 1;
	h->events = calloc(s->batch, sizeof(legacy_event));
	*rc = SS_PLUGIN_SUCCESS;
	return h;
}

EXPORT void plugin_close(ss_plugin_t* p, ss_instance_t* i) {
	(void)p;
	instance* h = i;
	if (h) {
		free(h->events);
		free(h);
	}
}

EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* p, ss_instance_t* i, uint32_t* nevts, legacy_event** evts) {
	state* s = p;
	instance* h = i;
	uint32_t n = 0;
	while (n < s->batch && h->next <= s->count) {
		int len = snprintf(h->payloads[n], sizeof h->payloads[n], "n=%llu", (unsigned long long)h->next);
		h->events[n].evtnum = 0;
		h->events[n].data = (const uint8_t*)h->payloads[n];
		h->events[n].datalen = (uint32_t)len;
		h->events[n].ts = BASE_TS + h->next;
		n++;
		h->next++;
	}
	*nevts = n;
	*evts = h->events;
	return h->next > s->count ? SS_PLUGIN_EOF : SS_PLUGIN_SUCCESS;
}

EXPORT const char* plugin_event_to_string(ss_plugin_t* p, const legacy_event* evt) {
	state* s = p;
	snprintf(s->tostr, sizeof s->tostr, "legacy %.*s", (int)evt->datalen, (const char*)evt->data);
	return s->tostr;
}

EXPORT const char* plugin_get_fields(void) {
#ifdef NO_FIELDS
	return "[]";
#endif
	return "[{\"type\":\"uint64\",\"name\":\"legacy.n\",\"desc\":\"the counter\"},"
		"{\"type\":\"string\",\"name\":\"legacy.text\",\"desc\":\"legacy-<n>\"},"
		"{\"type\":\"uint64\",\"name\":\"legacy.divisors\",\"desc\":\"divisors of n\",\"isList\":true},"
		"{\"type\":\"uint64\",\"name\":\"legacy.digit\",\"desc\":\"digit at index\",\"arg\":{\"isRequired\":true,\"isIndex\":true}},"
		"{\"type\":\"string\",\"name\":\"legacy.tag\",\"desc\":\"<key>:<n>\",\"arg\":{\"isRequired\":true,\"isKey\":true}}]";
}

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* p, const legacy_event* evt, uint32_t num, legacy_extract_field* fields) {
	state* s = p;
	uint64_t n = 0;
	int ok = parse_payload(evt->data, evt->datalen, &n);
	for (uint32_t i = 0; i < num && i < 8; i++) {
		legacy_extract_field* f = &fields[i];
		char buf[32];
		f->res_len = 0;
		if (!ok) continue;
		switch (f->field_id) {
		case 0: s->u64[i][0] = n; f->res.u64 = s->u64[i]; f->res_len = 1; break;
		case 1:
			snprintf(s->text[i], 64, "legacy-%llu", (unsigned long long)n);
			s->strs[i] = s->text[i]; f->res.str = &s->strs[i]; f->res_len = 1;
			break;
		case 2: {
			uint64_t c = 0;
			for (uint64_t d = 1; d <= n && c < 32; d++)
				if (n % d == 0) s->u64[i][c++] = d;
			f->res.u64 = s->u64[i]; f->res_len = c;
			break;
		}
		case 3: {
			int len = snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
			/* arg_present is a one-byte bool here: reading it as 4 bytes would see padding */
			if (f->arg_present && f->arg_index < (uint64_t)len) {
				s->u64[i][0] = (uint64_t)(buf[f->arg_index] - '0');
				f->res.u64 = s->u64[i]; f->res_len = 1;
			}
			break;
		}
		case 4:
			if (f->arg_present && f->arg_key) {
				snprintf(s->text[i], 64, "%s:%llu", f->arg_key, (unsigned long long)n);
				s->strs[i] = s->text[i]; f->res.str = &s->strs[i]; f->res_len = 1;
			}
			break;
		}
	}
	return SS_PLUGIN_SUCCESS;
}
