"""`interviewly` — one command for the local stack and the offline analysis tool."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="interviewly", description="Interviewly: self-hosted AI interviews")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="run Postgres, livekit-server, the API and the agent with demo data")
    sub.add_parser("migrate", help="apply database migrations (DATABASE_URL)", add_help=False)
    sub.add_parser("analyze", help="eye contact and fluency from a video/audio file", add_help=False)
    sub.add_parser("score-answers", help="score interview answers offline (the agent's content scorer)",
                   add_help=False)
    sub.add_parser("screen", help="screening scores of a folder of CVs against a JSON list of jobs", add_help=False)
    sub.add_parser("rescreen", help="queue the re-scoring of stale screenings (DATABASE_URL)", add_help=False)
    if not argv or argv[0] in {"-h", "--help"}:
        parser.print_help()
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "analyze":
        from analytics.cli import main as analyze

        return analyze(rest)
    if command == "score-answers":
        from agent.scoring.cli import main as score_answers

        return score_answers(rest)
    if command == "screen":
        from api.screening.cli import main as screen

        return screen(rest)
    if command == "rescreen":
        from api.screening.rescreen import main as rescreen

        return rescreen(rest)
    if command == "migrate":
        from db.migrate import main as migrate

        return migrate(rest)
    if command == "up":
        from devstack.up import main as up

        return up(rest)
    parser.parse_args(argv)  # prints the usage error for an unknown command
    return 2


if __name__ == "__main__":
    sys.exit(main())
