"""Question banks, one YAML file per skill (data; this file only makes the folder ship with the package)."""
