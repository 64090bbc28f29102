"""The passport as a fillable Word document: content controls named by path, and reading back."""
