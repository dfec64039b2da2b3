"""Object storage for uploaded files (one interface: a local folder by default, any S3-compatible store) and the
checks an upload must pass before it is stored."""
