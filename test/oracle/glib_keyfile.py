#!/usr/bin/python3
# Reads a JSON list of keyfile texts on stdin and prints, for each, what GLib's own GKeyFile
# makes of it: the parse error, or every group, key, raw value, string and string list.
import json
import sys

import gi

gi.require_version("GLib", "2.0")
from gi.repository import GLib  # noqa: E402

FLAGS = GLib.KeyFileFlags.KEEP_COMMENTS | GLib.KeyFileFlags.KEEP_TRANSLATIONS


def read(text):
    kf = GLib.KeyFile()
    try:
        kf.load_from_data(text, len(text.encode("utf-8")), FLAGS)
    except GLib.Error as e:
        return {"error": e.message}
    groups = []
    for group in kf.get_groups()[0]:
        keys = []
        for key in dict.fromkeys(kf.get_keys(group)[0]):
            entry = {"key": key, "raw": kf.get_value(group, key)}
            try:
                entry["string"] = kf.get_string(group, key)
            except GLib.Error:
                entry["string"] = None
            try:
                entry["list"] = kf.get_string_list(group, key)
            except GLib.Error:
                entry["list"] = None
            keys.append(entry)
        groups.append({"name": group, "keys": keys})
    return {"groups": groups}


print(json.dumps([read(t) for t in json.load(sys.stdin)]))
