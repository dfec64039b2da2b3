"""Local stack: the embedded Postgres, the LiveKit server, and the `interviewly` command that runs them."""
