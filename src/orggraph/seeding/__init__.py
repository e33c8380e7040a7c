"""Seeds: the record shapes, validation, loading, the Tianchang demo and the synthetic generator."""
