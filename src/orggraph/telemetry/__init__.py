"""What orggraph tells whoever runs it: Prometheus metrics (`metrics`), one JSON log line per request
(`logs`), and the request in progress (`context`: its id, which reaches the audit record)."""
