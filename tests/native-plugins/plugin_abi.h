/* Minimal declarations of the Falco plugin C ABI used by the test plugins (see plugin-api.md §3, §4).
 * Written for these tests; only what the plugins need. */
#ifndef TEST_PLUGIN_ABI_H
#define TEST_PLUGIN_ABI_H

#include <stdint.h>
#include <stdbool.h>

#define EXPORT __attribute__((visibility("default")))

typedef int32_t ss_plugin_rc;
#define SS_PLUGIN_SUCCESS 0
#define SS_PLUGIN_FAILURE 1
#define SS_PLUGIN_TIMEOUT (-1)
#define SS_PLUGIN_EOF 2

#define FTYPE_UINT64 8
#define FTYPE_STRING 9
#define FTYPE_RELTIME 20
#define FTYPE_ABSTIME 21
#define FTYPE_BOOL 25
#define FTYPE_IPADDR 40
#define FTYPE_IPNET 41

#define SS_PLUGIN_SCHEMA_NONE 0
#define SS_PLUGIN_SCHEMA_JSON 1

#define LOG_INFO 6

typedef void ss_plugin_t;
typedef void ss_instance_t;
typedef void ss_plugin_owner_t;
typedef uint32_t ss_plugin_bool;

/* 3.x: the scap event header (packed, 26 bytes) */
#pragma pack(push, 1)
typedef struct {
	uint64_t ts;
	uint64_t tid;
	uint32_t len;
	uint16_t type;
	uint32_t nparams;
} ss_plugin_event;
#pragma pack(pop)

typedef struct {
	const ss_plugin_event* evt;
	uint64_t evtnum;
	const char* evtsrc;
} ss_plugin_event_input;

typedef struct {
	uint32_t len;
	const void* ptr;
} ss_plugin_byte_buffer;

typedef struct {
	union {
		const char** str;
		uint64_t* u64;
		uint32_t* u32;
		ss_plugin_bool* boolean;
		ss_plugin_byte_buffer* buf;
	} res;
	uint64_t res_len;
	uint32_t field_id;
	const char* field;
	const char* arg_key;
	uint64_t arg_index;
	ss_plugin_bool arg_present;
	uint32_t ftype;
	ss_plugin_bool flist;
} ss_plugin_extract_field;

typedef const char* (*get_owner_last_error_fn)(ss_plugin_owner_t*);
typedef void (*log_fn_t)(ss_plugin_owner_t*, const char* component, const char* msg, int severity);

typedef struct {
	void* fns[4];
} table_reader_vtable;

typedef struct {
	ss_plugin_owner_t* owner;
	get_owner_last_error_fn get_owner_last_error;
	uint32_t num_fields;
	ss_plugin_extract_field* fields;
	table_reader_vtable table_reader;
	void* table_reader_ext;
	void* value_offsets;
} ss_plugin_field_extract_input;

typedef struct {
	const char* config;
	ss_plugin_owner_t* owner;
	get_owner_last_error_fn get_owner_last_error;
	const void* tables;
	log_fn_t log_fn;
} ss_plugin_init_input;

/* Legacy (0.3 / 1.0 / 2.0) event: 32 bytes. */
typedef struct {
	uint64_t evtnum;
	const uint8_t* data;
	uint32_t datalen;
	uint64_t ts;
} legacy_event;

/* 1.0 / 2.0 extract field: like 3.x but with 1-byte bools. */
typedef struct {
	union {
		const char** str;
		uint64_t* u64;
	} res;
	uint64_t res_len;
	uint32_t field_id;
	const char* field;
	const char* arg_key;
	uint64_t arg_index;
	bool arg_present;
	uint32_t ftype;
	bool flist;
} legacy_extract_field;

/* 0.3.0 extract field: single-valued, 48 bytes. */
typedef struct {
	uint32_t field_id;
	const char* field;
	const char* arg;
	uint32_t ftype;
	bool field_present;
	const char* res_str;
	uint64_t res_u64;
} seed_extract_field;

#define PLUGIN_EVENT_TYPE 322
#define PLUGIN_EVENT_HEADER 38

_Static_assert(sizeof(ss_plugin_event) == 26, "scap header");
_Static_assert(sizeof(ss_plugin_event_input) == 24, "event input");
_Static_assert(sizeof(ss_plugin_extract_field) == 64, "extract field");
_Static_assert(sizeof(ss_plugin_field_extract_input) == 80, "extract input");
_Static_assert(sizeof(ss_plugin_init_input) == 40, "init input");
_Static_assert(sizeof(legacy_event) == 32, "legacy event");
_Static_assert(sizeof(legacy_extract_field) == 64, "legacy extract field");
_Static_assert(sizeof(seed_extract_field) == 48, "seed extract field");

#endif
