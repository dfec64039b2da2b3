"""The recruiter's company and its settings."""
