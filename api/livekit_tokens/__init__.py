"""LiveKit: least-privilege access tokens, rooms and the agent dispatch."""
