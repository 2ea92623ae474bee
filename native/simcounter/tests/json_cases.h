/*
 * Reads the shared table-driven cases under test/cases/ (JSON written for both the
 * TypeScript rules and this counter): a top-level object whose "cases" array holds flat
 * objects of strings, numbers and booleans. Enough JSON for that shape and no more; anything
 * else is reported as a parse error with its byte offset.
 */
#ifndef SIMCOUNTER_JSON_CASES_H
#define SIMCOUNTER_JSON_CASES_H

#define JSON_CASE_MAX_FIELDS 16
#define JSON_CASE_TEXT 128

typedef struct json_field {
  char key[32];
  int is_text;
  double number; /* numbers; booleans as 1 / 0 */
  char text[JSON_CASE_TEXT];
} json_field;

typedef struct json_case {
  json_field fields[JSON_CASE_MAX_FIELDS];
  int n_fields;
} json_case;

/* Loads up to `max` cases from `path`; returns how many, or -1 with the reason in `error`. */
int json_cases_load(const char *path, json_case *cases, int max, char *error, int error_size);

/* A field's number (booleans: 1 / 0); `found` is set to 0 when the case has no such field. */
double json_case_number(const json_case *c, const char *key, int *found);
/* A field's text, or "" when absent. */
const char *json_case_text(const json_case *c, const char *key);

#endif
