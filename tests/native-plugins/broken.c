/* "broken": an API 3.x source plugin that misbehaves on request.
 * Build flags make it unloadable:
 *   -DBAD_MAJOR (asks for 4.0.0)  -DTOO_NEW_MINOR (3.99.0)  -DNO_DESTROY (a required symbol is missing)
 *   -DNO_CLOSE (open/next_batch without close: inconsistent capabilities)  -DID_WITHOUT_SOURCE (id set, source empty)
 *   -DSYSCALL_SOURCE (reserved source name)  -DNO_CAPS (no capability at all)  -DBAD_VERSION (version not x.y.z)
 *   -DBAD_FIELDS (a field of an unknown type)
 * Init config makes it misbehave at run time:
 *   "init": "fail_state" | "fail_null"   init fails, returning a state (with an error) or NULL
 *   "open_fail": true                    open fails
 *   "count": N                           events before EOF (default 5)
 *   "fail_after": N                      next_batch fails once N events were produced
 *   "fail_with_event": true              ... and returns event N+1 together with that failure
 *   "timeouts": N                        the first N next_batch calls return TIMEOUT with no event
 *   "zeros": N                           then N calls return SUCCESS with 0 events
 *   "bad_event": "type" | "id" | "len" | "nparams"   the first event is malformed
 * broken_destroy_count() and broken_init_count() let a test see the calls it made. */
#include <stdatomic.h>
#include "testkit.h"

#define ID 995

static atomic_int destroys;
static atomic_int inits;
EXPORT int broken_destroy_count(void) { return atomic_load(&destroys); }
EXPORT int broken_init_count(void) { return atomic_load(&inits); }

typedef struct {
	char err[256];
	uint64_t count, fail_after, timeouts, zeros;
	int open_fail, fail_with_event;
	char bad_event[16];
} state;

typedef struct {
	uint64_t next, calls;
	uint8_t buf[64];
	ss_plugin_event* ptrs[1];
} instance;

#if defined(BAD_MAJOR)
EXPORT const char* plugin_get_required_api_version(void) { return "4.0.0"; }
#elif defined(TOO_NEW_MINOR)
EXPORT const char* plugin_get_required_api_version(void) { return "3.99.0"; }
#else
EXPORT const char* plugin_get_required_api_version(void) { return "3.3.0"; }
#endif
#ifdef BAD_VERSION
EXPORT const char* plugin_get_version(void) { return "one.two"; }
#else
EXPORT const char* plugin_get_version(void) { return "0.0.1"; }
#endif
EXPORT const char* plugin_get_name(void) { return "broken"; }
EXPORT const char* plugin_get_description(void) { return "Misbehaves on purpose"; }
EXPORT const char* plugin_get_contact(void) { return "tests@falco-actors"; }
EXPORT const char* plugin_get_last_error(ss_plugin_t* p) { return ((state*)p)->err; }

#ifndef NO_CAPS
EXPORT uint32_t plugin_get_id(void) { return ID; }
#ifdef SYSCALL_SOURCE
EXPORT const char* plugin_get_event_source(void) { return "syscall"; }
#elif defined(ID_WITHOUT_SOURCE)
EXPORT const char* plugin_get_event_source(void) { return ""; }
#else
EXPORT const char* plugin_get_event_source(void) { return "broken"; }
#endif
#endif

EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
	char mode[16];
	atomic_fetch_add(&inits, 1);
	cfg_str(in->config, "init", mode, sizeof mode);
	if (strcmp(mode, "fail_null") == 0) {
		*rc = SS_PLUGIN_FAILURE;
		return NULL;
	}
	state* s = calloc(1, sizeof(state));
	if (strcmp(mode, "fail_state") == 0) {
		snprintf(s->err, sizeof s->err, "init refused: the config asks me to fail");
		*rc = SS_PLUGIN_FAILURE;
		return s;
	}
	s->count = cfg_u64(in->config, "count", 5);
	s->fail_after = cfg_u64(in->config, "fail_after", UINT64_MAX);
	s->timeouts = cfg_u64(in->config, "timeouts", 0);
	s->zeros = cfg_u64(in->config, "zeros", 0);
	s->open_fail = cfg_bool(in->config, "open_fail");
	s->fail_with_event = cfg_bool(in->config, "fail_with_event");
	cfg_str(in->config, "bad_event", s->bad_event, sizeof s->bad_event);
	*rc = SS_PLUGIN_SUCCESS;
	return s;
}

#ifndef NO_DESTROY
EXPORT void plugin_destroy(ss_plugin_t* p) {
	atomic_fetch_add(&destroys, 1);
	free(p);
}
#endif

#ifndef NO_CAPS
EXPORT ss_instance_t* plugin_open(ss_plugin_t* p, const char* params, ss_plugin_rc* rc) {
	state* s = p;
	if (s->open_fail) {
		snprintf(s->err, sizeof s->err, "cannot open '%s': no such stream", params);
		*rc = SS_PLUGIN_FAILURE;
		return NULL;
	}
	instance* h = calloc(1, sizeof(instance));
	h->next = 1;
	*rc = SS_PLUGIN_SUCCESS;
	return h;
}

#ifndef NO_CLOSE
EXPORT void plugin_close(ss_plugin_t* p, ss_instance_t* i) {
	(void)p;
	free(i);
}
#endif

EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* p, ss_instance_t* i, uint32_t* nevts, ss_plugin_event*** evts) {
	state* s = p;
	instance* h = i;
	h->calls++;
	*nevts = 0;
	*evts = h->ptrs;
	if (h->calls <= s->timeouts) return SS_PLUGIN_TIMEOUT;
	if (h->calls <= s->timeouts + s->zeros) return SS_PLUGIN_SUCCESS;
	if (h->next - 1 >= s->fail_after) {
		snprintf(s->err, sizeof s->err, "stream broke after %llu events", (unsigned long long)(h->next - 1));
		if (s->fail_with_event) {
			char payload[24];
			int len = snprintf(payload, sizeof payload, "n=%llu", (unsigned long long)h->next);
			h->ptrs[0] = write_plugin_event(h->buf, 1000 + h->next, ID, payload, (uint32_t)len);
			*nevts = 1;
		}
		return SS_PLUGIN_FAILURE;
	}
	if (h->next > s->count) return SS_PLUGIN_EOF;
	char payload[24];
	int len = snprintf(payload, sizeof payload, "n=%llu", (unsigned long long)h->next);
	ss_plugin_event* e = write_plugin_event(h->buf, 1000 + h->next, ID, payload, (uint32_t)len);
	if (h->next == 1) {
		if (strcmp(s->bad_event, "type") == 0) e->type = 402;
		if (strcmp(s->bad_event, "nparams") == 0) e->nparams = 3;
		if (strcmp(s->bad_event, "len") == 0) e->len = 20;
		if (strcmp(s->bad_event, "id") == 0) {
			uint32_t other = 12345;
			memcpy(h->buf + 34, &other, 4);
		}
	}
	h->next++;
	h->ptrs[0] = e;
	*nevts = 1;
	return SS_PLUGIN_SUCCESS;
}
#endif

#ifdef BAD_FIELDS
EXPORT const char* plugin_get_fields(void) { return "[{\"type\":\"float\",\"name\":\"broken.x\",\"desc\":\"x\"}]"; }
EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* p, const ss_plugin_event_input* e, const ss_plugin_field_extract_input* in) {
	(void)p; (void)e; (void)in;
	return SS_PLUGIN_FAILURE;
}
#endif
