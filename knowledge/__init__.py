"""evalbot knowledge base: parsing published disclosures into SQLite and reading them back."""
