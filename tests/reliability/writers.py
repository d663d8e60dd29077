"""One writer process of the concurrency test (started with multiprocessing "spawn").

A recruiter and an evaluator, each signed in through the login form, save in a loop
until the deadline: new vacancies, edits of their own vacancies (based on the version
they saved last), edits of one vacancy every writer edits (based on the version the edit
form shows, so some of them are refused as conflicts, 409), and the evaluator's ratings
of the shared plan's candidates. Every save the app acknowledged is written to a JSON
file for the test to look up in the database afterwards.
"""

from __future__ import annotations

import json
import random
import time
import traceback
from dataclasses import asdict
from pathlib import Path

from tests.reliability import helpers


def writer(job: dict) -> None:
    """Run one writer; the outcome goes to job["out"] as JSON."""
    n = job["n"]
    rng = random.Random(1000 + n)
    problems = helpers.Problems()
    acks: dict[str, list] = {"created": [], "edited": [], "shared": [], "ratings": []}
    conflicts = 0
    deadline = time.monotonic() + job["seconds"]
    recruiter = evaluator = None
    own: dict[int, int] = {}  # vacancy id -> version this writer saved last
    counter = 0
    try:
        recruiter = helpers.signed_in(job["port"], job["recruiter"])
        evaluator = helpers.signed_in(job["port"], job["evaluator"])
        while time.monotonic() < deadline:
            counter += 1
            title = f"SMM-менеджер, запись {n}-{counter}"
            roll = rng.random()
            try:
                if roll < 0.25 or not own:
                    answer, vacancy_id = helpers.create_vacancy(recruiter, title)
                    if problems.check(answer, (302,), "create") and vacancy_id:
                        own[vacancy_id] = 1
                        acks["created"].append([vacancy_id, 1, title])
                elif roll < 0.55:
                    vacancy_id = rng.choice(list(own))
                    answer = helpers.edit_vacancy(recruiter, vacancy_id, title, own[vacancy_id])
                    if problems.check(answer, (302,), "edit"):
                        own[vacancy_id] += 1
                        acks["edited"].append([vacancy_id, own[vacancy_id], title])
                elif roll < 0.7:
                    shared = job["shared_vacancy"]
                    base = helpers.current_version(recruiter, shared)
                    if base is None:
                        problems.unexpected += 1
                        problems.note("shared: no base_version in the edit form")
                        continue
                    answer = helpers.edit_vacancy(recruiter, shared, title, base)
                    if answer.status == 409:
                        conflicts += 1
                    elif problems.check(answer, (302,), "shared edit"):
                        acks["shared"].append([shared, base + 1, title])
                else:
                    candidate = rng.choice(job["candidates"])
                    checkin = rng.choice(job["checkins"])
                    values = {item: rng.choice(["0", "1", "2", "na"]) for item in job["tasks"]}
                    form = {f"rating_{item}": value for item, value in values.items()}
                    form |= {f"comment_{item}": title for item in job["tasks"]}
                    path = f"/probation/candidates/{candidate}/checkins/{checkin}/evaluate"
                    answer = evaluator.post(path, form)
                    if problems.check(answer, (302,), "rate"):
                        acks["ratings"].append([candidate, checkin, values, title])
            except OSError as error:
                problems.exceptions += 1
                problems.note(f"{type(error).__name__}: {error}")
    except Exception:
        problems.exceptions += 1
        problems.note(traceback.format_exc()[-1500:])
    finally:
        for client in (recruiter, evaluator):
            if client is not None:
                client.close()
    out = {"n": n, "acks": acks, "conflicts": conflicts, "problems": asdict(problems)}
    Path(job["out"]).write_text(json.dumps(out, ensure_ascii=False))
