/* Small helpers shared by the test plugins: a tiny config reader, payload parsing, event encoding. */
#ifndef TEST_PLUGIN_KIT_H
#define TEST_PLUGIN_KIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plugin_abi.h"

/* Reads a non-negative integer member ("key": 12) of a flat JSON object; def when absent. */
static __attribute__((unused)) uint64_t cfg_u64(const char* cfg, const char* key, uint64_t def) {
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\"", key);
	const char* p = cfg ? strstr(cfg, pat) : NULL;
	if (!p) return def;
	p = strchr(p + strlen(pat), ':');
	if (!p) return def;
	return strtoull(p + 1, NULL, 10);
}

static __attribute__((unused)) int cfg_bool(const char* cfg, const char* key) {
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\"", key);
	const char* p = cfg ? strstr(cfg, pat) : NULL;
	if (!p) return 0;
	p = strchr(p + strlen(pat), ':');
	while (p && (*p == ':' || *p == ' ')) p++;
	return p && strncmp(p, "true", 4) == 0;
}

/* Copies a string member ("key": "value") into out; empty when absent. */
static __attribute__((unused)) void cfg_str(const char* cfg, const char* key, char* out, size_t n) {
	char pat[64];
	out[0] = 0;
	snprintf(pat, sizeof pat, "\"%s\"", key);
	const char* p = cfg ? strstr(cfg, pat) : NULL;
	if (!p) return;
	p = strchr(p + strlen(pat), '"');
	if (!p) return;
	p++;
	size_t i = 0;
	while (*p && *p != '"' && i + 1 < n) out[i++] = *p++;
	out[i] = 0;
}

/* Payloads are "n=<decimal>"; returns 0 when the payload is something else. */
static __attribute__((unused)) int parse_payload(const uint8_t* data, uint32_t len, uint64_t* n) {
	if (len < 3 || len > 24 || data[0] != 'n' || data[1] != '=') return 0;
	uint64_t v = 0;
	for (uint32_t i = 2; i < len; i++) {
		if (data[i] < '0' || data[i] > '9') return 0;
		v = v * 10 + (uint64_t)(data[i] - '0');
	}
	*n = v;
	return 1;
}

/* Payload of a 3.x plugin event (type 322): offset 38, length at offset 30. */
static __attribute__((unused)) int plugin_event_payload(const ss_plugin_event* e, const uint8_t** data, uint32_t* len) {
	if (!e || e->type != PLUGIN_EVENT_TYPE || e->nparams != 2) return 0;
	const uint8_t* b = (const uint8_t*)e;
	memcpy(len, b + 30, 4);
	*data = b + PLUGIN_EVENT_HEADER;
	return 1;
}

/* Writes a type-322 event with the given payload into buf (at least 38 + len bytes). */
static __attribute__((unused)) ss_plugin_event* write_plugin_event(uint8_t* buf, uint64_t ts, uint32_t id, const char* payload, uint32_t len) {
	ss_plugin_event* e = (ss_plugin_event*)buf;
	e->ts = ts;
	e->tid = UINT64_MAX;
	e->len = PLUGIN_EVENT_HEADER + len;
	e->type = PLUGIN_EVENT_TYPE;
	e->nparams = 2;
	uint32_t l0 = 4;
	memcpy(buf + 26, &l0, 4);
	memcpy(buf + 30, &len, 4);
	memcpy(buf + 34, &id, 4);
	memcpy(buf + 38, payload, len);
	return e;
}

#endif
