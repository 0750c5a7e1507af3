"""``aitems``: the command-line tool. It shares the core with the app and never imports Qt."""
