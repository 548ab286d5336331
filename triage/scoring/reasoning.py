"""Reasoning under uncertainty: weigh what is not yet known instead of reading it as "no".

For the few unanswered questions that matter most, the evidence model (``triage.scoring.evidence``) estimates how
likely each answer is. The staged reading then runs once per combination of answers (exact enumeration, at most
``MAX_OPEN`` questions, so at most 2^MAX_OPEN readings), and each reading is weighted by the probability of its
combination. That gives:

* the probability that the Code is engaged, that a breach would be found if proven, and of each outcome;
* for each open question, the outcome if the answer were yes and if it were no, and how much it moves the outcome;
* whether the readings disagree so much that the honest answer is "more information needed".
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import Any

from triage.scoring.evidence import DECISIVE, Estimate, estimate, infer_target, priors
from triage.scoring.features import Facts
from triage.scoring.questions import QUESTIONS_BY_ID, ResolvedAnswer
from triage.scoring.rules import fire
from triage.scoring.staged import StagedReading, read_stages
from triage.scoring.types import RECOMMENDATIONS

#: At most this many open questions are enumerated (2^5 = 32 readings; the rest stay unknown).
MAX_OPEN = 5
#: Questions whose estimate is this close to certain are not worth a branch.
CERTAIN = 0.03
#: Below this probability for the leading outcome, with open questions that change it, the case needs information.
NEEDS_INFORMATION_BELOW = 0.6
REFER = {"investigation", "police_referral"}
#: Questions answered by reading the post and the complaint: without any hint in them, they are not weighed in.
READ_FROM_THE_WORDS = {
    "threatening",
    "discriminatory",
    "false_statement_of_fact",
    "non_public_information",
    "repeated_conduct",
    "apologised",
}
NO_HINT = 0.3
#: An open question whose answer leaves the outcome the same is listed only if it moves the probabilities this much.
MOVES_A_LOT = 0.2
#: How much each question matters when choosing which to enumerate (multiplies its uncertainty).
IMPORTANCE: dict[str, float] = {
    "authorship": 1.2,
    "acting_as_councillor": 3.0,
    "threatening": 2.5,
    "discriminatory": 2.0,
    "about_individual": 1.5,
    "personal_abuse": 2.0,
    "political_expression": 1.3,
    "false_statement_of_fact": 1.0,
    "non_public_information": 1.0,
    "repeated_conduct": 0.8,
    "apologised": 0.7,
}


@dataclass
class Branch:
    answers: dict[str, str]
    weight: float
    reading: StagedReading


@dataclass
class OpenQuestion:
    id: str
    question: str
    probability_yes: float
    effect: float
    recommendation: dict[str, str]
    refer_probability: dict[str, float]
    ask: tuple[str, ...]
    phrase: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "probability_yes": round(self.probability_yes, 4),
            "effect": round(self.effect, 4),
            "recommendation": self.recommendation,
            "ask": list(self.ask),
        }


@dataclass
class Reasoning:
    """The weighed result over all readings, and what would settle it."""

    facts: Facts
    branches: list[Branch]
    estimates: dict[str, Estimate]
    outcome_probabilities: dict[str, float]
    engaged_probability: float
    breach_probability: float
    topic_probabilities: dict[str, float]
    protected_probability: float
    open_questions: list[OpenQuestion]
    status: str
    inferred: dict[str, ResolvedAnswer] = field(default_factory=dict)

    @property
    def leading(self) -> Branch:
        return max(self.branches, key=lambda b: b.weight)

    @property
    def recommendation(self) -> str:
        return max(RECOMMENDATIONS, key=lambda o: (self.outcome_probabilities[o], -RECOMMENDATIONS.index(o)))


def with_answers(facts: Facts, values: dict[str, str], origin: str) -> Facts:
    answers = dict(facts.answers)
    for qid, value in values.items():
        answers[qid] = ResolvedAnswer(value, origin, "")
    return replace(facts, answers=answers)


def _choose(facts: Facts, estimates: dict[str, Estimate]) -> list[str]:
    scored = []
    for qid, est in estimates.items():
        p = est.probability
        if p < CERTAIN and qid != "acting_as_councillor":
            continue
        if qid in READ_FROM_THE_WORDS and p < NO_HINT and not any(w > 0 for _, w in est.evidence):
            # nothing in the case hints at it: it stays unknown rather than being weighed in from a base rate
            continue
        scored.append((IMPORTANCE.get(qid, 1.0) * p * (1 - p), qid))
    scored.sort(reverse=True)
    chosen = [qid for _, qid in scored[:MAX_OPEN]]
    if "acting_as_councillor" in estimates and "acting_as_councillor" not in chosen:
        chosen = ["acting_as_councillor", *chosen[: MAX_OPEN - 1]]
    return chosen


def reason(facts: Facts, base_rates: dict[str, float] | None = None) -> Reasoning:
    """Weigh the readings over the open questions (``base_rates`` replace the shipped priors, for evaluation)."""
    rates = base_rates or priors()
    inferred: dict[str, ResolvedAnswer] = {}
    if facts.a("target") == "unknown":
        guess = infer_target(facts)
        if guess:
            inferred["target"] = ResolvedAnswer(guess[0], "inferred", guess[1])
            facts = replace(facts, answers={**facts.answers, "target": inferred["target"]})
    estimates = {
        qid: estimate(qid, facts, rates) for qid in DECISIVE if qid in facts.answers and facts.a(qid) == "unknown"
    }
    # A near-certain "yes" is taken as the tool's inference (shown as such), not left unknown.
    all_estimates = dict(estimates)
    for qid, est in estimates.items():
        if est.probability >= 1 - CERTAIN:
            why = "; ".join(text for text, weight in est.evidence if weight > 0)
            inferred[qid] = ResolvedAnswer("yes", "inferred", why)
    if inferred:
        facts = replace(facts, answers={**facts.answers, **inferred})
        estimates = {q: e for q, e in estimates.items() if q not in inferred}
    chosen = _choose(facts, estimates)
    branches: list[Branch] = []
    for values in itertools.product(("yes", "no"), repeat=len(chosen)):
        combo = dict(zip(chosen, values, strict=True))
        weight = 1.0
        for qid, value in combo.items():
            p = estimates[qid].probability
            weight *= p if value == "yes" else 1 - p
        if weight < 1e-6:
            continue
        branch_facts = with_answers(facts, combo, "inferred")
        reading = read_stages(branch_facts, fire(branch_facts))
        branches.append(Branch(combo, weight, reading))
    total = sum(b.weight for b in branches) or 1.0
    for b in branches:
        b.weight /= total

    outcome_p = dict.fromkeys(RECOMMENDATIONS, 0.0)
    topic_p: dict[str, float] = {}
    engaged_p = breach_p = protected_p = 0.0
    for b in branches:
        r = b.reading
        outcome_p[r.outcome] += b.weight
        engaged_p += b.weight * (1.0 if r.engaged else 0.5 if r.engaged is None else 0.0)
        breach_p += b.weight * float(r.engaged is not False and bool(r.live_topics))
        protected_p += b.weight * float(r.protected is True)
        if r.engaged is not False:
            for t in r.live_topics:
                topic_p[t] = topic_p.get(t, 0.0) + b.weight

    opens = _open_questions(chosen, branches, estimates)
    leading = max(outcome_p.values())
    changing = [q for q in opens if q.recommendation["yes"] != q.recommendation["no"]]
    status = "needs_information" if leading < NEEDS_INFORMATION_BELOW and changing else "assessed"
    return Reasoning(
        facts, branches, all_estimates, outcome_p, engaged_p, breach_p, topic_p, protected_p, opens, status, inferred
    )


def _conditional(branches: list[Branch], qid: str, value: str) -> dict[str, float]:
    sel = [b for b in branches if b.answers.get(qid) == value]
    total = sum(b.weight for b in sel)
    out = dict.fromkeys(RECOMMENDATIONS, 0.0)
    for b in sel:
        out[b.reading.outcome] += b.weight / total if total else 0.0
    return out


def _open_questions(chosen: list[str], branches: list[Branch], estimates: dict[str, Estimate]) -> list[OpenQuestion]:
    out = []
    for qid in chosen:
        by_answer = {v: _conditional(branches, qid, v) for v in ("yes", "no")}
        if not all(sum(d.values()) > 0 for d in by_answer.values()):
            continue
        rec = {
            v: max(RECOMMENDATIONS, key=lambda o, d=d: (d[o], -RECOMMENDATIONS.index(o))) for v, d in by_answer.items()
        }
        refer = {v: sum(d[o] for o in REFER) for v, d in by_answer.items()}
        # how far the outcome distribution moves between the two answers (total variation distance)
        effect = 0.5 * sum(abs(by_answer["yes"][o] - by_answer["no"][o]) for o in RECOMMENDATIONS)
        q = QUESTIONS_BY_ID[qid]
        out.append(OpenQuestion(qid, q.text, estimates[qid].probability, effect, rec, refer, q.ask, q.phrase))
    out.sort(key=lambda q: (q.recommendation["yes"] == q.recommendation["no"], -q.effect))
    # a question is worth asking if its answer changes the outcome, or moves it a good deal
    return [q for q in out if q.recommendation["yes"] != q.recommendation["no"] or q.effect >= MOVES_A_LOT][:3]
