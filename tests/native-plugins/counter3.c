/* "counter": an API 3.x source + extraction plugin whose values a test can compute on its own.
 * Event k (k = 1..count) has payload "n=<k>" and timestamp BASE_TS + k (or UINT64_MAX with "ts_now").
 * Every call that takes a state records the calling OS thread and counts overlapping calls, so a test can prove
 * a state never saw two threads at once (fields counter.tids and counter.overlaps). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "testkit.h"

#define PLUGIN_ID 999
#define BASE_TS 1700000000000000000ULL
#define MAX_TIDS 32
#define ARENA 65536

typedef struct {
	char err[1024];
	uint64_t batch, count, dwell_us;
	int ts_now, zero_id;
	ss_plugin_owner_t* owner;
	log_fn_t log;
	atomic_int busy;
	atomic_ulong overlaps;
	pthread_mutex_t lock;
	uint64_t tids[MAX_TIDS];
	int ntids;
	uint8_t arena[ARENA];
	size_t used;
	char text[256];
} state;

typedef struct {
	state* s;
	uint64_t next;
	uint8_t* events;
	ss_plugin_event** ptrs;
	char progress[64];
} instance;

static void enter(state* s) {
	if (atomic_fetch_add(&s->busy, 1) != 0) atomic_fetch_add(&s->overlaps, 1);
	uint64_t tid = (uint64_t)syscall(SYS_gettid);
	pthread_mutex_lock(&s->lock);
	int seen = 0;
	for (int i = 0; i < s->ntids; i++) seen |= s->tids[i] == tid;
	if (!seen && s->ntids < MAX_TIDS) s->tids[s->ntids++] = tid;
	pthread_mutex_unlock(&s->lock);
	if (s->dwell_us) usleep((useconds_t)s->dwell_us);
}

static void leave(state* s) { atomic_fetch_sub(&s->busy, 1); }

EXPORT const char* plugin_get_required_api_version(void) { return "3.12.0"; }
EXPORT const char* plugin_get_version(void) { return "1.2.3"; }
EXPORT const char* plugin_get_name(void) { return "counter"; }
EXPORT const char* plugin_get_description(void) { return "Counts events; every value derives from the counter"; }
EXPORT const char* plugin_get_contact(void) { return "tests@falco-actors"; }
EXPORT uint32_t plugin_get_id(void) { return PLUGIN_ID; }
EXPORT const char* plugin_get_event_source(void) { return "counter"; }

EXPORT const char* plugin_get_init_schema(uint32_t* type) {
	*type = SS_PLUGIN_SCHEMA_JSON;
	return "{\"type\":\"object\",\"properties\":{\"batch\":{\"type\":\"integer\"},\"count\":{\"type\":\"integer\"}}}";
}

EXPORT const char* plugin_get_last_error(ss_plugin_t* p) { return ((state*)p)->err; }

EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
	state* s = calloc(1, sizeof(state));
	pthread_mutex_init(&s->lock, NULL);
	enter(s);
	const char* cfg = in->config;
	s->batch = cfg_u64(cfg, "batch", 10);
	s->count = cfg_u64(cfg, "count", 100);
	s->dwell_us = cfg_u64(cfg, "dwell_us", 0);
	s->ts_now = cfg_bool(cfg, "ts_now");
	s->zero_id = cfg_bool(cfg, "zero_id");
	s->owner = in->owner;
	s->log = in->log_fn;
	if (s->log) {
		const char* owner_err = in->get_owner_last_error ? in->get_owner_last_error(in->owner) : "no callback";
		char msg[256];
		snprintf(msg, sizeof msg, "init config=%s owner_error=%s", cfg, owner_err ? owner_err : "none");
		s->log(s->owner, NULL, msg, LOG_INFO);
	}
	*rc = SS_PLUGIN_SUCCESS;
	leave(s);
	return s;
}

EXPORT void plugin_destroy(ss_plugin_t* p) {
	state* s = p;
	if (s->log) s->log(s->owner, "counter-destroy", "destroyed", LOG_INFO);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

EXPORT const char* plugin_list_open_params(ss_plugin_t* p, ss_plugin_rc* rc) {
	(void)p;
	*rc = SS_PLUGIN_SUCCESS;
	return "[{\"value\":\"all\",\"desc\":\"every event\"},{\"value\":\"a;b\",\"desc\":\"two\",\"separator\":\";\"}]";
}

EXPORT ss_instance_t* plugin_open(ss_plugin_t* p, const char* params, ss_plugin_rc* rc) {
	state* s = p;
	(void)params;
	enter(s);
	instance* h = calloc(1, sizeof(instance));
	h->s = s;
	h->next = 1;
	h->events = malloc(s->batch * (PLUGIN_EVENT_HEADER + 32));
	h->ptrs = malloc(s->batch * sizeof(ss_plugin_event*));
	*rc = SS_PLUGIN_SUCCESS;
	leave(s);
	return h;
}

EXPORT void plugin_close(ss_plugin_t* p, ss_instance_t* i) {
	instance* h = i;
	if (p) enter(p);
	if (h) {
		free(h->events);
		free(h->ptrs);
		free(h);
	}
	if (p) leave(p);
}

EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* p, ss_instance_t* i, uint32_t* nevts, ss_plugin_event*** evts) {
	state* s = p;
	instance* h = i;
	enter(s);
	uint32_t n = 0;
	while (n < s->batch && h->next <= s->count) {
		char payload[32];
		int len = snprintf(payload, sizeof payload, "n=%llu", (unsigned long long)h->next);
		uint8_t* at = h->events + n * (PLUGIN_EVENT_HEADER + 32);
		uint64_t ts = s->ts_now ? UINT64_MAX : BASE_TS + h->next;
		h->ptrs[n++] = write_plugin_event(at, ts, s->zero_id ? 0 : PLUGIN_ID, payload, (uint32_t)len);
		h->next++;
	}
	*nevts = n;
	*evts = h->ptrs;
	leave(s);
	return h->next > s->count ? SS_PLUGIN_EOF : SS_PLUGIN_SUCCESS;
}

EXPORT const char* plugin_get_progress(ss_plugin_t* p, ss_instance_t* i, uint32_t* pct) {
	instance* h = i;
	enter(p);
	uint64_t done = h->next - 1;
	*pct = (uint32_t)(h->s->count ? done * 10000 / h->s->count : 10000);
	snprintf(h->progress, sizeof h->progress, "%llu/%llu", (unsigned long long)done, (unsigned long long)h->s->count);
	leave(p);
	return h->progress;
}

EXPORT const char* plugin_event_to_string(ss_plugin_t* p, const ss_plugin_event_input* evt) {
	state* s = p;
	const uint8_t* data;
	uint32_t len;
	enter(s);
	if (plugin_event_payload(evt->evt, &data, &len))
		snprintf(s->text, sizeof s->text, "counter event %.*s (#%llu)", (int)len, (const char*)data, (unsigned long long)evt->evtnum);
	else
		snprintf(s->text, sizeof s->text, "not a counter event");
	leave(s);
	return s->text;
}

EXPORT const char* plugin_get_fields(void) {
	return "["
		"{\"type\":\"uint64\",\"name\":\"counter.n\",\"display\":\"\",\"desc\":\"The counter\",\"isList\":false,"
		"\"arg\":{\"isRequired\":false,\"isIndex\":false,\"isKey\":false},\"properties\":null},"
		"{\"type\":\"string\",\"name\":\"counter.text\",\"display\":\"Text\",\"desc\":\"event-<n>\",\"properties\":[\"info\"]},"
		"{\"type\":\"bool\",\"name\":\"counter.even\",\"desc\":\"n is even\"},"
		"{\"type\":\"reltime\",\"name\":\"counter.elapsed\",\"desc\":\"n milliseconds\"},"
		"{\"type\":\"abstime\",\"name\":\"counter.time\",\"desc\":\"base time + n\"},"
		"{\"type\":\"ipaddr\",\"name\":\"counter.ip\",\"desc\":\"10.0.x.y for even n, 2001:db8::x:y for odd n\"},"
		"{\"type\":\"ipnet\",\"name\":\"counter.net\",\"desc\":\"192.168.(n%256).0/24\"},"
		"{\"type\":\"uint64\",\"name\":\"counter.divisors\",\"desc\":\"divisors of n\",\"isList\":true},"
		"{\"type\":\"string\",\"name\":\"counter.digits\",\"desc\":\"decimal digits of n\",\"isList\":true},"
		"{\"type\":\"uint64\",\"name\":\"counter.digit\",\"desc\":\"digit at an index (default 0)\",\"arg\":{\"isIndex\":true}},"
		"{\"type\":\"string\",\"name\":\"counter.tag\",\"desc\":\"<key>=<n>\",\"arg\":{\"isRequired\":true,\"isKey\":true}},"
		"{\"type\":\"bool\",\"name\":\"counter.flags\",\"desc\":\"n%2==0, n%3==0, n%5==0\",\"isList\":true},"
		"{\"type\":\"uint64\",\"name\":\"counter.double\",\"desc\":\"2n\",\"properties\":[\"hidden\",\"conversation\",\"unknown\"],\"addOutput\":true},"
		"{\"type\":\"uint64\",\"name\":\"counter.tids\",\"desc\":\"OS threads that called this state\",\"isList\":true},"
		"{\"type\":\"uint64\",\"name\":\"counter.overlaps\",\"desc\":\"calls that overlapped another on this state\"},"
		"{\"type\":\"uint64\",\"name\":\"counter.evtnum\",\"desc\":\"event number given by the host\"},"
		"{\"type\":\"ipaddr\",\"name\":\"counter.ips\",\"desc\":\"[10.0.0.(n%256), ::1]\",\"isList\":true},"
		"{\"type\":\"string\",\"name\":\"counter.source\",\"desc\":\"the event source the host gave\"}"
		"]";
}

static void* take(state* s, size_t n) {
	n = (n + 7) & ~(size_t)7;
	if (s->used + n > ARENA) return NULL;
	void* p = s->arena + s->used;
	s->used += n;
	return p;
}

static int one_u64(state* s, ss_plugin_extract_field* f, uint64_t v) {
	uint64_t* out = take(s, 8);
	*out = v;
	f->res.u64 = out;
	f->res_len = 1;
	return 1;
}

static int one_bool(state* s, ss_plugin_extract_field* f, int v) {
	uint32_t* out = take(s, 4);
	*out = v ? 1 : 0;
	f->res.boolean = out;
	f->res_len = 1;
	return 1;
}

static const char* dup_text(state* s, const char* t) {
	char* out = take(s, strlen(t) + 1);
	strcpy(out, t);
	return out;
}

static void set_ip(state* s, ss_plugin_byte_buffer* b, const uint8_t* bytes, uint32_t len) {
	uint8_t* out = take(s, len);
	memcpy(out, bytes, len);
	b->ptr = out;
	b->len = len;
}

static void extract_one(state* s, ss_plugin_extract_field* f, uint64_t n, const ss_plugin_event_input* evt) {
	uint64_t evtnum = evt->evtnum;
	char buf[128];
	f->res_len = 0;
	switch (f->field_id) {
	case 0: one_u64(s, f, n); break;
	case 1: {
		snprintf(buf, sizeof buf, "event-%llu", (unsigned long long)n);
		const char** out = take(s, sizeof(char*));
		out[0] = dup_text(s, buf);
		f->res.str = out;
		f->res_len = 1;
		break;
	}
	case 2: one_bool(s, f, n % 2 == 0); break;
	case 3: one_u64(s, f, n * 1000000ULL); break;
	case 4: one_u64(s, f, BASE_TS + n); break;
	case 5: {
		ss_plugin_byte_buffer* b = take(s, sizeof *b);
		if (n % 2 == 0) {
			uint8_t v4[4] = {10, 0, (uint8_t)(n >> 8), (uint8_t)n};
			set_ip(s, b, v4, 4);
		} else {
			uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8};
			v6[14] = (uint8_t)(n >> 8);
			v6[15] = (uint8_t)n;
			set_ip(s, b, v6, 16);
		}
		f->res.buf = b;
		f->res_len = 1;
		break;
	}
	case 6: {
		/* libsinsp's ipv4net layout: address then netmask, both in network order */
		ss_plugin_byte_buffer* b = take(s, sizeof *b);
		uint8_t net[8] = {192, 168, (uint8_t)n, 0, 255, 255, 255, 0};
		set_ip(s, b, net, 8);
		f->res.buf = b;
		f->res_len = 1;
		break;
	}
	case 7: {
		uint64_t* out = take(s, 64 * 8);
		uint64_t c = 0;
		for (uint64_t d = 1; d <= n && c < 64; d++)
			if (n % d == 0) out[c++] = d;
		f->res.u64 = out;
		f->res_len = c;
		break;
	}
	case 8: {
		int len = snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
		const char** out = take(s, (size_t)len * sizeof(char*));
		for (int i = 0; i < len; i++) {
			char d[2] = {buf[i], 0};
			out[i] = dup_text(s, d);
		}
		f->res.str = out;
		f->res_len = (uint64_t)len;
		break;
	}
	case 9: {
		int len = snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
		uint64_t idx = f->arg_present ? f->arg_index : 0;
		if (idx < (uint64_t)len) one_u64(s, f, (uint64_t)(buf[idx] - '0'));
		break;
	}
	case 10: {
		if (!f->arg_present || !f->arg_key) break;
		snprintf(buf, sizeof buf, "%s=%llu", f->arg_key, (unsigned long long)n);
		const char** out = take(s, sizeof(char*));
		out[0] = dup_text(s, buf);
		f->res.str = out;
		f->res_len = 1;
		break;
	}
	case 11: {
		uint32_t* out = take(s, 3 * 4);
		out[0] = n % 2 == 0;
		out[1] = n % 3 == 0;
		out[2] = n % 5 == 0;
		f->res.boolean = out;
		f->res_len = 3;
		break;
	}
	case 12: one_u64(s, f, 2 * n); break;
	case 13: {
		pthread_mutex_lock(&s->lock);
		uint64_t* out = take(s, (size_t)s->ntids * 8 + 8);
		for (int i = 0; i < s->ntids; i++) out[i] = s->tids[i];
		f->res.u64 = out;
		f->res_len = (uint64_t)s->ntids;
		pthread_mutex_unlock(&s->lock);
		break;
	}
	case 14: one_u64(s, f, atomic_load(&s->overlaps)); break;
	case 15: one_u64(s, f, evtnum); break;
	case 16: {
		ss_plugin_byte_buffer* b = take(s, 2 * sizeof *b);
		uint8_t v4[4] = {10, 0, 0, (uint8_t)n};
		uint8_t v6[16] = {0};
		v6[15] = 1;
		set_ip(s, &b[0], v4, 4);
		set_ip(s, &b[1], v6, 16);
		f->res.buf = b;
		f->res_len = 2;
		break;
	}
	case 17: {
		const char** out = take(s, sizeof(char*));
		out[0] = dup_text(s, evt->evtsrc ? evt->evtsrc : "(null)");
		f->res.str = out;
		f->res_len = 1;
		break;
	}
	}
}

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* p, const ss_plugin_event_input* evt, const ss_plugin_field_extract_input* in) {
	state* s = p;
	const uint8_t* data;
	uint32_t len;
	uint64_t n = 0;
	enter(s);
	s->used = 0;
	int ok = plugin_event_payload(evt->evt, &data, &len) && parse_payload(data, len, &n);
	for (uint32_t i = 0; i < in->num_fields; i++) {
		in->fields[i].res_len = 0;
		if (ok) extract_one(s, &in->fields[i], n, evt);
	}
	leave(s);
	return SS_PLUGIN_SUCCESS;
}
