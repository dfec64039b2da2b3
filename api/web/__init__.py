"""The pages candidates and recruiters use: server-rendered shells, data fetched by small plain JS."""
