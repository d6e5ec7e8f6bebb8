"""Local stand-ins for external services (real HTTP servers on loopback, for tests and benchmarks)."""
