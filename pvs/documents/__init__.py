"""The passport as a document: rendering and reading back PDF forms, Word files and JSON."""
