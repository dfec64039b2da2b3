"""Authentication (Clerk session JWTs, offline dev issuer) and the current user."""
