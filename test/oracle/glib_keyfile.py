#!/usr/bin/python3
# Reads a JSON list of keyfiles (base64 bytes) on stdin and prints, for each, what GLib's own
# GKeyFile makes of it: the parse error, or every group, key, raw value, string and string
# list. It calls libglib through ctypes, byte for byte as Flatpak does, so that files with
# NULs or invalid UTF-8 reach GLib unchanged and its answers come back unchanged (base64).
import base64
import ctypes
import json
import sys

glib = ctypes.CDLL("libglib-2.0.so.0")


class GError(ctypes.Structure):
    _fields_ = [("domain", ctypes.c_uint32), ("code", ctypes.c_int), ("message", ctypes.c_char_p)]


ERR = ctypes.POINTER(ctypes.POINTER(GError))
STRV = ctypes.POINTER(ctypes.c_char_p)
glib.g_key_file_new.restype = ctypes.c_void_p
glib.g_key_file_free.argtypes = [ctypes.c_void_p]
glib.g_key_file_load_from_data.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ERR]
glib.g_key_file_get_groups.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t)]
glib.g_key_file_get_groups.restype = STRV
glib.g_key_file_get_keys.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t), ERR]
glib.g_key_file_get_keys.restype = STRV
for name in ("g_key_file_get_value", "g_key_file_get_string"):
    getattr(glib, name).argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ERR]
    getattr(glib, name).restype = ctypes.c_void_p
glib.g_key_file_get_string_list.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t), ERR]
glib.g_key_file_get_string_list.restype = STRV
glib.g_error_free.argtypes = [ctypes.POINTER(GError)]
glib.g_free.argtypes = [ctypes.c_void_p]

KEEP_COMMENTS = 1
KEEP_TRANSLATIONS = 2


def b64(data):
    return base64.b64encode(data).decode("ascii")


def strv(vector):
    out = []
    i = 0
    while vector[i] is not None:
        out.append(vector[i])
        i += 1
    return out


def scalar(fn, kf, group, key):
    err = ctypes.POINTER(GError)()
    ptr = fn(kf, group, key, ctypes.byref(err))
    if err:
        glib.g_error_free(err)
        return None
    value = ctypes.string_at(ptr)
    glib.g_free(ptr)
    return b64(value)


def read(data):
    kf = glib.g_key_file_new()
    err = ctypes.POINTER(GError)()
    try:
        if not glib.g_key_file_load_from_data(kf, data, len(data), KEEP_COMMENTS | KEEP_TRANSLATIONS, ctypes.byref(err)):
            message = err.contents.message
            glib.g_error_free(err)
            return {"error": b64(message)}
        groups = []
        for group in strv(glib.g_key_file_get_groups(kf, None)):
            keys = []
            for key in dict.fromkeys(strv(glib.g_key_file_get_keys(kf, group, None, None))):
                lerr = ctypes.POINTER(GError)()
                items = glib.g_key_file_get_string_list(kf, group, key, None, ctypes.byref(lerr))
                if lerr:
                    glib.g_error_free(lerr)
                keys.append({
                    "key": b64(key),
                    "raw": scalar(glib.g_key_file_get_value, kf, group, key),
                    "string": scalar(glib.g_key_file_get_string, kf, group, key),
                    "list": None if lerr else [b64(i) for i in strv(items)],
                })
            groups.append({"name": b64(group), "keys": keys})
        return {"groups": groups}
    finally:
        glib.g_key_file_free(kf)


print(json.dumps([read(base64.b64decode(t)) for t in json.load(sys.stdin)]))
