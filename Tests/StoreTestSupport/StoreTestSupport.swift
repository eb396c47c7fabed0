// Test support: fresh migrated databases for integration tests.
