"""evalbot: the answer engine, its adapters and the CLI."""
