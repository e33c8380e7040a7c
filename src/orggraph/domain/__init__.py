"""Domain: enums, taxonomy, rules and errors. Standard library only."""
