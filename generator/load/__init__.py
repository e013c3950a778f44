"""Load: YAML files read with their positions, and the validation cache."""
