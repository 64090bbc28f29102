"""The passport as a fillable PDF form: layout, drawing, fields, filling and reading back."""
