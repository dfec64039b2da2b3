"""`interviewly score-answers --in ANSWERS.json [--json]`: the agent's offline content scorer on a file.

ANSWERS.json is a list of {"question": ..., "answer": ...}. A question from the banks (matched after normalising
case and spacing) is scored against its rubric; any other question by relevance and specificity only. No database,
no paid service: the embedding model ships with the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from agent.scoring.content import ContentScore, score_answer
from agent.scoring.rubric import bank_rubric


def load_answers(path: Path) -> list[tuple[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError("the file must hold a JSON list of {\"question\", \"answer\"} objects")
    pairs = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("question"), str) \
                or not isinstance(item.get("answer"), str):
            raise ValueError(f"item {i} needs string fields \"question\" and \"answer\"")
        pairs.append((item["question"], item["answer"]))
    return pairs


def score_all(pairs: list[tuple[str, str]]) -> list[ContentScore]:
    return [score_answer(question, answer, bank_rubric(question)) for question, answer in pairs]


def as_json(scores: list[ContentScore]) -> dict[str, Any]:
    return {"scores": [{"score": s.score, "rubric": s.rubric, "points_covered": s.points_covered} for s in scores]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="interviewly score-answers", description=__doc__.split("\n")[0])
    parser.add_argument("--in", dest="path", required=True, type=Path, help="JSON list of {question, answer}")
    parser.add_argument("--json", action="store_true", help="print JSON: {\"scores\": [...]} in input order")
    args = parser.parse_args(argv)
    try:
        pairs = load_answers(args.path)
    except (OSError, ValueError) as exc:
        print(f"score-answers: {args.path}: {exc}", file=sys.stderr)
        return 2
    scores = score_all(pairs)
    if args.json:
        print(json.dumps(as_json(scores)))
        return 0
    for (question, _), s in zip(pairs, scores, strict=True):
        basis = f"rubric, {len(s.points_covered)}/{len(s.points)} points" if s.rubric else "no rubric"
        print(f"{s.score:5.1f}  ({basis}, relevance {s.relevance:.2f}, specificity {s.specificity.score:.2f})  "
              f"{question[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
