/* A reader for the shared case files: see json_cases.h. */
#include "json_cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
  const char *s;
  size_t n, i;
  char *error;
  int error_size;
} reader;

static int fail(reader *r, const char *what) {
  snprintf(r->error, (size_t)r->error_size, "%s at byte %zu", what, r->i);
  return -1;
}

static void skip_space(reader *r) {
  while (r->i < r->n && (r->s[r->i] == ' ' || r->s[r->i] == '\n' || r->s[r->i] == '\r' || r->s[r->i] == '\t')) r->i++;
}

static int expect(reader *r, char c) {
  skip_space(r);
  if (r->i >= r->n || r->s[r->i] != c) return fail(r, "unexpected character");
  r->i++;
  return 0;
}

/* A string into out (UTF-8 bytes kept as they are; escapes other than \" and \\ refused). */
static int read_string(reader *r, char *out, size_t size) {
  if (expect(r, '"') < 0) return -1;
  size_t len = 0;
  while (r->i < r->n && r->s[r->i] != '"') {
    char c = r->s[r->i++];
    if (c == '\\') {
      if (r->i >= r->n || (r->s[r->i] != '"' && r->s[r->i] != '\\')) return fail(r, "unsupported escape");
      c = r->s[r->i++];
    }
    if (len + 1 < size) out[len++] = c;
  }
  if (r->i >= r->n) return fail(r, "unterminated string");
  r->i++;
  out[len] = '\0';
  return 0;
}

/* A scalar value (string, number, true, false) into a field. */
static int read_scalar(reader *r, json_field *f) {
  skip_space(r);
  if (r->i >= r->n) return fail(r, "value expected");
  char c = r->s[r->i];
  if (c == '"') {
    f->is_text = 1;
    return read_string(r, f->text, sizeof(f->text));
  }
  if (r->n - r->i >= 4 && strncmp(r->s + r->i, "true", 4) == 0) {
    f->number = 1;
    r->i += 4;
    return 0;
  }
  if (r->n - r->i >= 5 && strncmp(r->s + r->i, "false", 5) == 0) {
    f->number = 0;
    r->i += 5;
    return 0;
  }
  char buf[64];
  size_t len = 0;
  while (r->i < r->n && len + 1 < sizeof(buf) && strchr("+-0123456789.eE", r->s[r->i])) buf[len++] = r->s[r->i++];
  buf[len] = '\0';
  char *end = NULL;
  f->number = strtod(buf, &end);
  if (len == 0 || end != buf + len) return fail(r, "number expected");
  return 0;
}

/* One flat object: "key": scalar, ... */
static int read_case(reader *r, json_case *c) {
  memset(c, 0, sizeof(*c));
  if (expect(r, '{') < 0) return -1;
  skip_space(r);
  if (r->i < r->n && r->s[r->i] == '}') return r->i++, 0;
  for (;;) {
    json_field scratch;
    json_field *f = c->n_fields < JSON_CASE_MAX_FIELDS ? &c->fields[c->n_fields] : &scratch;
    memset(f, 0, sizeof(*f));
    if (read_string(r, f->key, sizeof(f->key)) < 0 || expect(r, ':') < 0 || read_scalar(r, f) < 0) return -1;
    if (f != &scratch) c->n_fields++;
    skip_space(r);
    if (r->i < r->n && r->s[r->i] == ',') {
      r->i++;
      continue;
    }
    return expect(r, '}');
  }
}

/* Skips a scalar value of a top-level key other than "cases". */
static int skip_value(reader *r) {
  json_field ignored;
  memset(&ignored, 0, sizeof(ignored));
  return read_scalar(r, &ignored);
}

int json_cases_load(const char *path, json_case *cases, int max, char *error, int error_size) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    snprintf(error, (size_t)error_size, "cannot open %s", path);
    return -1;
  }
  char *text = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 4096 > cap) {
      cap = cap ? cap * 2 : 8192;
      char *grown = realloc(text, cap);
      if (!grown) {
        free(text);
        fclose(file);
        snprintf(error, (size_t)error_size, "out of memory");
        return -1;
      }
      text = grown;
    }
    size_t got = fread(text + n, 1, cap - n, file);
    n += got;
    if (got == 0) break;
  }
  fclose(file);
  error[0] = '\0';
  reader r = {text, n, 0, error, error_size};
  int count = -1;
  if (expect(&r, '{') < 0) goto done;
  for (;;) {
    char key[32];
    if (read_string(&r, key, sizeof(key)) < 0 || expect(&r, ':') < 0) goto done;
    if (strcmp(key, "cases") == 0) {
      if (expect(&r, '[') < 0) goto done;
      int k = 0;
      skip_space(&r);
      while (r.i < r.n && r.s[r.i] != ']') {
        json_case scratch;
        if (read_case(&r, k < max ? &cases[k] : &scratch) < 0) goto done;
        k++;
        skip_space(&r);
        if (r.i < r.n && r.s[r.i] == ',') r.i++;
        skip_space(&r);
      }
      if (expect(&r, ']') < 0) goto done;
      count = k < max ? k : max;
    } else if (skip_value(&r) < 0) {
      goto done;
    }
    skip_space(&r);
    if (r.i < r.n && r.s[r.i] == ',') {
      r.i++;
      continue;
    }
    if (expect(&r, '}') < 0) count = -1;
    break;
  }
  if (count < 0 && error[0] == '\0') snprintf(error, (size_t)error_size, "no \"cases\" array");
done:
  free(text);
  return count;
}

double json_case_number(const json_case *c, const char *key, int *found) {
  for (int i = 0; i < c->n_fields; i++) {
    if (strcmp(c->fields[i].key, key) == 0 && !c->fields[i].is_text) {
      if (found) *found = 1;
      return c->fields[i].number;
    }
  }
  if (found) *found = 0;
  return 0;
}

const char *json_case_text(const json_case *c, const char *key) {
  for (int i = 0; i < c->n_fields; i++)
    if (strcmp(c->fields[i].key, key) == 0 && c->fields[i].is_text) return c->fields[i].text;
  return "";
}
