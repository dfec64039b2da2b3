"""The Postgres job queue (procrastinate): one app, one worker, tasks from every domain that needs one."""
