"""The passport as data: the schema, the form model derived from it, field paths, dates."""
