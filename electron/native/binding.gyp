{
  "targets": [
    {
      "target_name": "confine_fs",
      "sources": ["confine_fs.c"],
      "cflags": ["-Wall", "-Wextra", "-O2"]
    }
  ]
}
