/* "faulty": an API 3.x source + extraction plugin that crashes, hangs or lies about lengths on request, so the
 * host's watchdog, shutdown grace, length checks and crash isolation can be tested against a real .so.
 * Event k (k = 1..count) has payload "n=<k>", timestamp 1000 + k; field faulty.n extracts k.
 * Init config (a flat JSON object):
 *   "count": N          events before EOF (default 100)
 *   "batch": N          events per next_batch (default 10)
 *   "fault": "segv" | "abort" | "exit" | "hang" | "huge_event" | "huge_extract" | "fail"   what goes wrong
 *   "fault_call": "next_batch" (default) | "open" | "extract" | "close" | "init"        in which call
 *   "fault_at": N       next_batch/extract: the fault happens in the call that reaches event N (default 1)
 *   "hang_ms": N        "hang" returns after N ms (default 0: never)
 *   "once_file": path   the fault happens only while this file does not exist; the plugin creates it just before
 *                       faulting, so a restarted session (or a restarted plugin-host process) runs on cleanly
 * "huge_event" returns an event whose header says 4 GB while its buffer holds 48 bytes; "huge_extract" answers a
 * string list of 2^40 values. faulty_calls() counts next_batch calls in this process.
 * get_metrics (API 3.5+): "next_batch_calls" (monotonic u64, this state's next_batch calls) and "batch_size" (non-monotonic
 * s32). Built with -DMETRICS_3_5 (libfaulty35.so) it requires API 3.5.0, whose metric enums count from 1. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#include "testkit.h"

#define ID 994

#ifdef METRICS_3_5
#define REQUIRED_API "3.5.0"
#define METRIC_ENUM_BASE 1 /* 3.5.0 numbered both metric enums from 1 (fixed in 3.6.0) */
#else
#define REQUIRED_API "3.6.0"
#define METRIC_ENUM_BASE 0
#endif

/* ss_plugin_metric (32 bytes): name, type (0 monotonic, 1 non-monotonic), value union, value type (2 u64, 1 s32). */
typedef struct {
	const char* name;
	uint32_t type;
	union { uint32_t u32; int32_t s32; uint64_t u64; int64_t s64; double d; float f; int i; } value;
	uint32_t value_type;
} metric;

static atomic_ulong calls;
EXPORT unsigned long faulty_calls(void) { return atomic_load(&calls); }

typedef struct {
	char err[256];
	uint64_t count, batch, fault_at, hang_ms;
	uint64_t value; /* faulty.n of the last extraction: per state, as each owner extracts on its own thread */
	char fault[16], call[16], once_file[512];
	const char* strs[1];
	uint64_t next_batch_calls;
	metric metrics[2];
} state;

typedef struct {
	uint64_t next;
	uint8_t* events;
	ss_plugin_event** ptrs;
} instance;

/* True when the fault should happen now: once_file, when given, turns it into a one-time fault. */
static int armed(state* s) {
	if (!s->once_file[0]) return 1;
	if (access(s->once_file, F_OK) == 0) return 0;
	FILE* f = fopen(s->once_file, "w");
	if (f) fclose(f);
	return 1;
}

static void sleep_ms(uint64_t ms) {
	struct timespec t = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) != 0) {}
}

/* The crash or hang itself; returns only for "hang" with hang_ms and for the length and failure faults. */
static void strike(state* s) {
	if (strcmp(s->fault, "segv") == 0) {
		volatile int* nowhere = NULL;
		*nowhere = 1;
	}
	if (strcmp(s->fault, "abort") == 0) abort();
	if (strcmp(s->fault, "exit") == 0) _exit(3);
	if (strcmp(s->fault, "hang") == 0) {
		if (s->hang_ms) sleep_ms(s->hang_ms);
		else for (;;) pause();
	}
}

static int faults_in(state* s, const char* call) { return s->fault[0] && strcmp(s->call, call) == 0; }

EXPORT const char* plugin_get_required_api_version(void) { return REQUIRED_API; }
EXPORT const char* plugin_get_version(void) { return "0.1.0"; }
EXPORT const char* plugin_get_name(void) { return "faulty"; }
EXPORT const char* plugin_get_description(void) { return "Crashes, hangs or returns huge lengths on request"; }
EXPORT const char* plugin_get_contact(void) { return "tests@falco-actors"; }
EXPORT uint32_t plugin_get_id(void) { return ID; }
EXPORT const char* plugin_get_event_source(void) { return "faulty"; }
EXPORT const char* plugin_get_last_error(ss_plugin_t* p) { return ((state*)p)->err; }

EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
	state* s = calloc(1, sizeof(state));
	s->count = cfg_u64(in->config, "count", 100);
	s->batch = cfg_u64(in->config, "batch", 10);
	if (s->batch == 0) s->batch = 1;
	s->fault_at = cfg_u64(in->config, "fault_at", 1);
	s->hang_ms = cfg_u64(in->config, "hang_ms", 0);
	cfg_str(in->config, "fault", s->fault, sizeof s->fault);
	cfg_str(in->config, "fault_call", s->call, sizeof s->call);
	if (!s->call[0]) strcpy(s->call, "next_batch");
	cfg_str(in->config, "once_file", s->once_file, sizeof s->once_file);
	if (faults_in(s, "init") && armed(s)) strike(s);
	*rc = SS_PLUGIN_SUCCESS;
	return s;
}

EXPORT void plugin_destroy(ss_plugin_t* p) { free(p); }

EXPORT ss_instance_t* plugin_open(ss_plugin_t* p, const char* params, ss_plugin_rc* rc) {
	state* s = p;
	(void)params;
	if (faults_in(s, "open") && armed(s)) {
		strike(s);
		if (strcmp(s->fault, "fail") == 0) {
			snprintf(s->err, sizeof s->err, "open refused on request");
			*rc = SS_PLUGIN_FAILURE;
			return NULL;
		}
	}
	instance* h = calloc(1, sizeof(instance));
	h->next = 1;
	h->events = malloc(s->batch * (PLUGIN_EVENT_HEADER + 32));
	h->ptrs = malloc(s->batch * sizeof(ss_plugin_event*));
	*rc = SS_PLUGIN_SUCCESS;
	return h;
}

EXPORT void plugin_close(ss_plugin_t* p, ss_instance_t* i) {
	state* s = p;
	instance* h = i;
	if (faults_in(s, "close") && armed(s)) strike(s);
	if (h) {
		free(h->events);
		free(h->ptrs);
		free(h);
	}
}

EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* p, ss_instance_t* i, uint32_t* nevts, ss_plugin_event*** evts) {
	state* s = p;
	instance* h = i;
	atomic_fetch_add(&calls, 1);
	s->next_batch_calls++;
	*nevts = 0;
	*evts = h->ptrs;
	if (h->next > s->count) return SS_PLUGIN_EOF;
	uint64_t last = h->next + s->batch - 1;
	if (last > s->count) last = s->count;
	int strikes = faults_in(s, "next_batch") && h->next <= s->fault_at && s->fault_at <= last && armed(s);
	if (strikes) {
		strike(s);
		if (strcmp(s->fault, "fail") == 0) {
			snprintf(s->err, sizeof s->err, "next_batch refused on request at event %llu", (unsigned long long)s->fault_at);
			return SS_PLUGIN_FAILURE;
		}
	}
	uint32_t n = 0;
	while (h->next <= last) {
		char payload[32];
		int len = snprintf(payload, sizeof payload, "n=%llu", (unsigned long long)h->next);
		uint8_t* at = h->events + n * (PLUGIN_EVENT_HEADER + 32);
		h->ptrs[n] = write_plugin_event(at, 1000 + h->next, ID, payload, (uint32_t)len);
		if (strikes && strcmp(s->fault, "huge_event") == 0 && h->next == s->fault_at) {
			uint32_t huge = 0xFFFFFF00u;
			h->ptrs[n]->len = huge;
			uint32_t plen = huge - PLUGIN_EVENT_HEADER;
			memcpy(at + 30, &plen, 4);
		}
		n++;
		h->next++;
	}
	*nevts = n;
	return h->next > s->count ? SS_PLUGIN_EOF : SS_PLUGIN_SUCCESS;
}

EXPORT metric* plugin_get_metrics(ss_plugin_t* p, uint32_t* num_metrics) {
	state* s = p;
	s->metrics[0] = (metric){"next_batch_calls", METRIC_ENUM_BASE + 0, {.u64 = s->next_batch_calls}, METRIC_ENUM_BASE + 2};
	s->metrics[1] = (metric){"batch_size", METRIC_ENUM_BASE + 1, {.s32 = (int32_t)s->batch}, METRIC_ENUM_BASE + 1};
	*num_metrics = 2;
	return s->metrics;
}

EXPORT const char* plugin_get_fields(void) {
	return "[{\"type\":\"uint64\",\"name\":\"faulty.n\",\"desc\":\"The event's number\"},"
		"{\"type\":\"string\",\"name\":\"faulty.names\",\"desc\":\"A list of names\",\"isList\":true}]";
}

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* p, const ss_plugin_event_input* evt, const ss_plugin_field_extract_input* in) {
	state* s = p;
	const uint8_t* data;
	uint32_t len;
	uint64_t n = 0;
	int ok = plugin_event_payload(evt->evt, &data, &len) && parse_payload(data, len, &n);
	if (ok && n == s->fault_at && faults_in(s, "extract") && armed(s)) {
		strike(s);
		if (strcmp(s->fault, "fail") == 0) {
			snprintf(s->err, sizeof s->err, "extract refused on request at event %llu", (unsigned long long)n);
			return SS_PLUGIN_FAILURE;
		}
	}
	int huge = ok && n == s->fault_at && faults_in(s, "extract") && strcmp(s->fault, "huge_extract") == 0;
	for (uint32_t f = 0; f < in->num_fields; f++) {
		ss_plugin_extract_field* field = &in->fields[f];
		field->res_len = 0;
		if (!ok) continue;
		if (field->field_id == 0) {
			s->value = n;
			field->res.u64 = &s->value;
			field->res_len = 1;
		} else {
			s->strs[0] = "faulty";
			field->res.str = s->strs;
			field->res_len = huge ? (1ULL << 40) : 1;
		}
	}
	return SS_PLUGIN_SUCCESS;
}
