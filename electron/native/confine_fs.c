// The two system calls Node cannot make that Confine's writes need: renameat2(2), whose
// RENAME_EXCHANGE swaps a new file into place and hands back whatever was there, so a change
// another program made in the meantime is never lost, and flock(2), which serialises Confine's
// own writers and is released by the kernel when a process dies. Node-API keeps this one build
// good for Node and for Electron.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <node_api.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>

// A path argument, refused when too long or holding a NUL (which would cut it short).
static int string_arg(napi_env env, napi_value value, char *out, size_t size) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, out, size, &length) != napi_ok) return -1;
  if (length + 1 >= size) return -1;
  return strlen(out) == length ? 0 : -1;
}

static napi_value errno_value(napi_env env, int code) {
  napi_value out;
  napi_create_int32(env, code, &out);
  return out;
}

// renameat2(from, to, flags) -> 0 or an errno value; relative paths are refused.
static napi_value js_renameat2(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  char from[PATH_MAX], to[PATH_MAX];
  uint32_t flags = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 3) return errno_value(env, EINVAL);
  if (string_arg(env, argv[0], from, sizeof from) || string_arg(env, argv[1], to, sizeof to)) return errno_value(env, ENAMETOOLONG);
  if (napi_get_value_uint32(env, argv[2], &flags) != napi_ok) return errno_value(env, EINVAL);
  if (from[0] != '/' || to[0] != '/') return errno_value(env, EINVAL);
  return errno_value(env, renameat2(AT_FDCWD, from, AT_FDCWD, to, flags) == 0 ? 0 : errno);
}

// flock(fd, operation) -> 0 or an errno value.
static napi_value js_flock(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t fd = -1, operation = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 2) return errno_value(env, EINVAL);
  if (napi_get_value_int32(env, argv[0], &fd) != napi_ok || napi_get_value_int32(env, argv[1], &operation) != napi_ok) return errno_value(env, EINVAL);
  return errno_value(env, flock(fd, operation) == 0 ? 0 : errno);
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "renameat2", NAPI_AUTO_LENGTH, js_renameat2, NULL, &fn);
  napi_set_named_property(env, exports, "renameat2", fn);
  napi_create_function(env, "flock", NAPI_AUTO_LENGTH, js_flock, NULL, &fn);
  napi_set_named_property(env, exports, "flock", fn);
  return exports;
}
