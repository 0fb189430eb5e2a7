"""Locust users for bench/consultation_load.py: each reads the comment form once (for its
CSRF token), then sends comments, counting a submission as acknowledged only when the
server answers with the redirect to the confirmation page carrying a reference number.
Each comment carries a one-time form key of its own, as a form drawn for each comment
does, so the cost of recording it (pcplan.once) is measured.

Settings come from the environment (the load script sets them): BENCH_CONSULTATION_ID,
BENCH_RESULTS (where to write what was acknowledged), BENCH_RATE_PER_USER (comments per
second per user; 0 means as fast as it can).
"""

import json
import os
import random
import re
import time
import uuid
from collections import Counter

from locust import FastHttpUser, constant, constant_throughput, events, task

CONSULTATION_ID = os.environ["BENCH_CONSULTATION_ID"]
RESULTS = os.environ["BENCH_RESULTS"]
RATE_PER_USER = float(os.environ.get("BENCH_RATE_PER_USER", "0"))
FORM = f"/consultations/{CONSULTATION_ID}/respond/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PRIORITY = re.compile(r'name="(agree_[0-9a-f-]{36})"')
SECTION = re.compile(r'<option value="(section:[0-9a-f-]{36})"')
REFERENCE = re.compile(r"/sent/(PCP-[0-9A-Z]{4}-[0-9A-Z]{2})/$")
COMMENTS = [
    "Please keep neighbourhood officers in {town}: we never see one on foot any more.",
    "The 101 service needs fixing. I waited forty minutes to report a stolen bike in {town}.",
    "Protecting victims of domestic abuse must stay the first priority.",
    "Speeding through the villages near {town} is dangerous. More speed checks please.",
    "Anti-social behaviour in the park in {town} has gone on for two summers.",
]
TOWNS = ["Bristol", "Bath", "Weston-super-Mare", "Yate", "Frome", "Bridgwater", "Yeovil", "Taunton", "Minehead"]

acknowledged: list[str] = []
statuses: Counter[int] = Counter()
latencies_ms: list[float] = []


class Respondent(FastHttpUser):
    wait_time = constant_throughput(RATE_PER_USER) if RATE_PER_USER > 0 else constant(0)

    def on_start(self) -> None:
        page = self.client.get(FORM, name="GET comment form")
        self.token = TOKEN.search(page.text).group(1)
        cookie = page.headers.get("Set-Cookie", "")
        self.cookie = cookie.split(";", 1)[0]
        self.priorities = PRIORITY.findall(page.text)
        self.sections = SECTION.findall(page.text)
        self.rng = random.Random()  # noqa: S311 - load data

    @task
    def send_comment(self) -> None:
        data = {
            "csrfmiddlewaretoken": self.token,
            "part": self.rng.choice([*self.sections, ""]),
            "text": self.rng.choice(COMMENTS).format(town=self.rng.choice(TOWNS)),
            "respondent_type": "public",
            "form_key": str(uuid.uuid4()),
            "victim": self.rng.choice(["yes", "no", "prefer_not", ""]),
            **{name: str(self.rng.randint(1, 5)) for name in self.priorities if self.rng.random() < 0.7},
        }
        if self.rng.random() < 0.1:
            data.update({"email": f"resident{self.rng.randint(1, 10**9)}@example.com", "contact_consent": "on"})
        started = time.perf_counter()
        with self.client.post(
            FORM,
            data=data,
            headers={"Cookie": self.cookie, "Referer": self.host + FORM},
            allow_redirects=False,
            catch_response=True,
            name="POST comment",
        ) as response:
            latencies_ms.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] += 1
            match = REFERENCE.search(response.headers.get("Location", "") or "")
            if response.status_code == 302 and match:
                acknowledged.append(match.group(1))
                response.success()
            else:
                response.failure(f"status {response.status_code}")


@events.quitting.add_listener
def write_results(environment: object, **kwargs: object) -> None:
    with open(RESULTS, "w") as out:
        json.dump(
            {"acknowledged": acknowledged, "statuses": dict(statuses), "latencies_ms": latencies_ms},
            out,
        )
