"""Backups of the local graph: the file format (archive) and the backup and restore commands (local)."""
