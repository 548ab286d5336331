"""``assess(case)``: the scorer's single entry point. Pure Python; never reads ``expected``.

Risk first: urgent flags read from the words come before anything else. Then the staged reading of what is known,
and the reasoning layer's weighing of what is not (``triage.scoring.reasoning``): probabilities that the Code is
engaged, that a breach would be found if proven, and of each outcome; the questions whose answers would change the
outcome most; and "more information needed" when the readings disagree. The officer decides; the assessment
explains.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from triage.casefile.model import CaseFile
from triage.codes import CodeOfConduct, code_named
from triage.scoring.analysis import Analysis, analyse
from triage.scoring.evidence import priors
from triage.scoring.evidence import refer_threshold as shipped_refer_threshold
from triage.scoring.explain import text_evidence
from triage.scoring.questions import OPTION_LABELS, QUESTIONS_BY_ID
from triage.scoring.reasoning import REFER, Reasoning, reason, with_answers
from triage.scoring.risk.detector import MANIFEST_FILE as THREAT_MANIFEST
from triage.scoring.risk.detector import MODELS_DIR
from triage.scoring.rules import RULES, Rule, fire
from triage.scoring.staged import NOT_ENGAGED_RULES
from triage.scoring.types import RECOMMENDATIONS, Assessment, Reason, TextModelsLike

TARGET_WORDS = {k: v[:1].lower() + v[1:] for k, v in OPTION_LABELS.items()}
#: The staged Article 10 weighing (Sanders, Calver, Heesom, Robinson) as questions the officer answers in their own
#: words: the tool's reading is an input to that weighing, never its conclusion.
ARTICLE10_PROMPTS: tuple[str, ...] = (
    "Would a finding of breach, and any sanction, restrict the member's freedom of expression? Is this political "
    "expression, which has enhanced protection even when sarcastic, mocking or harsh?",
    "Who is the post about: a politician, who must accept wider criticism, or an officer or member of the public, "
    "who is owed more protection?",
    "Is it a value judgement, or a statement of fact that appears false? Is any part of it gratuitous personal abuse, "
    "discriminatory, or a threat?",
    "Is a finding necessary and proportionate to protect the rights or reputation of others, bearing in mind that "
    "only in exceptional circumstances does respect for reputation outweigh a politician's enhanced protection?",
)
RULES_VERSION = hashlib.sha256("|".join(f"{r.id}:{r.stage}:{r.effect}" for r in RULES).encode()).hexdigest()[:12]
#: Urgent kinds that make "no further action" wrong until the officer has recorded why the flag does not apply.
#: Self-harm is not among them: it calls for safeguarding today, not a Code outcome, and is shown first all the same.
BLOCKS_NO_ACTION = {"threat", "incitement", "dehumanising", "disclosure"}


@cache
def _default_text_models() -> tuple[TextModelsLike | None, str]:
    try:
        from triage.scoring.text import load_text_models
    except ImportError as exc:
        return None, f"the text classifiers are not installed ({exc})"
    try:
        return load_text_models(), ""
    except Exception as exc:  # any failure is reported in the reasons rather than hidden
        return None, f"the text classifiers could not be loaded ({exc.__class__.__name__}: {exc})"


def default_text_models() -> TextModelsLike | None:
    """The shipped text classifiers, loaded once (``None`` if they are unavailable)."""
    return _default_text_models()[0]


def _topic_rules(reasoning: Reasoning, now: list[Rule]) -> dict[str, list[Rule]]:
    """The rules pointing at each topic: in the reading of what is known, and in readings that carry weight."""
    out: dict[str, list[Rule]] = {}
    seen: set[tuple[str, str]] = set()
    readings, covered = [now], 0.0
    for b in sorted(reasoning.branches, key=lambda b: -b.weight)[:12]:
        if covered >= 0.95:
            break
        readings.append(fire(with_answers(reasoning.facts, b.answers, "inferred")))
        covered += b.weight
    for fired in readings:
        for rule in fired:
            # Wales: the any-time rule is itself the reason the disrepute paragraph is in play outside capacity
            topic = rule.topic or ("disrepute" if rule.id == "CAP-WALES-ANY-TIME" else None)
            if topic and (topic, rule.id) not in seen:
                seen.add((topic, rule.id))
                out.setdefault(topic, []).append(rule)
    return out


def _paragraphs(analysis: Analysis, reasoning: Reasoning, topic_rules: dict[str, list[Rule]]) -> list[dict[str, Any]]:
    """Each paragraph's probability is the weight of the readings in which its topic would be breached; its reasons
    are the rules pointing at that topic, so the two always agree."""
    code, facts = analysis.code, reasoning.facts
    target = facts.target
    para_p: dict[str, float] = {}
    para_reasons: dict[str, list[dict[str, str]]] = {}
    for topic, p in reasoning.topic_probabilities.items():
        for para in code.paragraphs_for(topic, target):
            para_p[para.id] = max(para_p.get(para.id, 0.0), p)
            for r in topic_rules.get(topic, []):
                items = para_reasons.setdefault(para.id, [])
                if all(i["id"] != r.id for i in items):
                    items.append({"id": r.id, "text": r.text, "effect": r.effect, "source": r.resolved_source(facts)})
    out = []
    for order, para in enumerate(code.paragraphs):
        p = para_p.get(para.id, 0.0)
        out.append(
            {
                "id": para.id,
                "heading": para.heading,
                "topic": para.topic,
                "probability": round(float(p), 4),
                "likely": p >= 0.5,
                "reasons": para_reasons.get(para.id, []) if p > 0 else [],
                "_order": order,
            }
        )
    out.sort(key=lambda d: (-d["probability"], d["_order"]))
    for d in out:
        del d["_order"]
    return out


def _authorship(analysis: Analysis, reasoning: Reasoning) -> dict[str, str]:
    answer = analysis.facts.answers["authorship"]
    if answer.value != "unknown":
        why = "answered by the officer" if answer.origin == "officer" else answer.why
        return {"value": answer.value, "origin": answer.origin, "why": why}
    est = reasoning.estimates.get("authorship")
    if analysis.facts.account_kinds <= {"unknown", "anonymous_account"}:
        why = (
            "the account is unknown or anonymous: confirm with the member, the complainant's screenshots or the "
            "platform"
        )
    else:
        why = "not yet confirmed"
    out = {"value": "unknown", "origin": "unknown", "why": why}
    if est is not None:
        out["estimate"] = f"{est.probability:.2f}"
    return out


def _reviewed_kinds(case: CaseFile) -> dict[str, str]:
    """Urgent kinds the officer has recorded as not applying, with their reason."""
    return {r.kind: r.reason.strip() for r in case.urgent_reviews if r.kind and r.reason.strip()}


def assess(
    case: CaseFile | Mapping[str, Any],
    *,
    code: CodeOfConduct | None = None,
    text_models: TextModelsLike | None = None,
    base_rates: dict[str, float] | None = None,
    refer_threshold: float | None | str = "shipped",
) -> Assessment:
    """Assess one case file (typed, or its JSON read as it is). ``code`` and ``text_models`` default to the shipped
    ones; ``base_rates`` and ``refer_threshold`` replace the shipped calibration (leave-one-out evaluation uses this;
    ``None`` means the most probable outcome, uncalibrated)."""
    case = CaseFile.coerce(case)
    code = code or code_named(case.code, case.jurisdiction)
    text_note = ""
    if text_models is None:
        text_models, text_note = _default_text_models()
    analysis = analyse(case, code=code, text_models=text_models)
    facts, fired = analysis.facts, analysis.fired
    fired_ids = {r.id for r in fired}
    reasoning = reason(facts, base_rates)
    reasons: list[Reason] = []
    overrides: list[str] = []
    rec_p = dict(reasoning.outcome_probabilities)
    refer_p = sum(rec_p[o] for o in REFER)
    threshold = shipped_refer_threshold() if refer_threshold == "shipped" else refer_threshold
    recommendation = calibrated(rec_p, threshold)
    engaged_p, breach_p = reasoning.engaged_probability, reasoning.breach_probability

    # --- categorical: the Code cannot apply -------------------------------------------------------------------
    not_engaged = bool(fired_ids & NOT_ENGAGED_RULES)
    if not_engaged:
        engaged_p = breach_p = 0.0
        rec_p = {o: float(o == "no_further_action") for o in RECOMMENDATIONS}
        recommendation = "no_further_action"
        overrides.append("not_engaged")
        reasons.append(
            Reason(
                "OVERRIDE-NOT-ENGAGED",
                "The law is categorical here: the Code of Conduct cannot apply, so the recommendation is no further "
                "action under the Code.",
                "override",
                "; ".join(r.resolved_source(facts) for r in fired if r.id in NOT_ENGAGED_RULES),
                "jurisdiction",
            )
        )

    # --- risk first: urgent flags block "no further action" until the officer records why -------------------
    reviewed = _reviewed_kinds(case)
    urgent = []
    for flag in facts.urgent:
        item = flag.to_dict()
        item["reviewed"] = reviewed.get(flag.kind, "")
        urgent.append(item)
    open_urgent = [u for u in urgent if not u["reviewed"] and u["kind"] in BLOCKS_NO_ACTION]
    if open_urgent and recommendation == "no_further_action" and not not_engaged:
        violent = any(u["kind"] in ("threat", "incitement") for u in open_urgent)
        new = "police_referral" if violent else max(("informal_resolution", "investigation"), key=lambda o: rec_p[o])
        if not violent and rec_p[new] == 0.0:
            new = "investigation"
        overrides.append("urgent_flag")
        reasons.append(
            Reason(
                "OVERRIDE-URGENT",
                "The words of the post raise an urgent flag that the officer has not yet reviewed, so the tool does "
                f"not recommend no further action; it recommends {new.replace('_', ' ')} until the officer records "
                "why the flag does not apply.",
                "override",
                "Risk-first handling of threats, incitement, dehumanising language, disclosure and self-harm",
                "flag",
            )
        )
        recommendation = new

    # --- reasons: what is known, then what the weighing assumed -----------------------------------------------
    staged = analysis.staged
    reasons.append(
        Reason(
            "STAGED-READING",
            "On what is known now: "
            + (
                "the Code is engaged"
                if staged.engaged
                else "the Code is not engaged"
                if staged.engaged is False
                else "whether the Code is engaged is not yet known"
            )
            + f" ({staged.engaged_why}); "
            + (f"a breach if proven on {', '.join(staged.topics)}" if staged.topics else "no breach if proven yet")
            + f"; Article 10: {staged.protection_why}.",
            f"staged:{staged.outcome}",
            "Staged approach in published practice",
            "model",
        )
    )
    reasons.extend(rule.reason(facts) for rule in fired)
    for qid, answer in reasoning.inferred.items():
        if qid == "target":
            said = f"The tool takes the post to be about {TARGET_WORDS.get(answer.value, answer.value)}"
        else:
            said = f"The tool takes the answer to {QUESTIONS_BY_ID[qid].phrase} to be {answer.value}"
        reasons.append(
            Reason(
                f"INFERRED-{qid.upper().replace('_', '-')}",
                f"{said} because {answer.why}; the officer has not answered this.",
                "inferred",
                "Evidence in the case file",
                "model",
            )
        )
    if text_models is None:
        reasons.append(
            Reason(
                "TEXT-UNAVAILABLE",
                f"Text scores were not used: {text_note or 'no text classifiers given'}. The assessment rests on the "
                "answers and the listed phrasings alone.",
                "warning",
                "Text classifiers",
                "text",
            )
        )
    reasons.extend(text_evidence(analysis, text_models))

    def as_item(rule: Rule) -> dict[str, str]:
        return {"id": rule.id, "text": rule.text, "effect": rule.effect, "source": rule.resolved_source(facts)}

    article10_reasons = [as_item(r) for r in fired if r.stage == "article10"]
    article10_reasons.append(
        {
            "id": "STAGED-ARTICLE10",
            "text": staged.protection_why[:1].upper() + staged.protection_why[1:] + ".",
            "effect": "staged",
            "source": "Sanders / Calver / Heesom staged approach",
        }
    )
    topic_rules = _topic_rules(reasoning, fired)
    return Assessment(
        reference=case.reference or None,
        code=code.id,
        code_engaged_probability=float(engaged_p),
        breach_probability=float(breach_p),
        paragraphs=_paragraphs(analysis, reasoning, topic_rules) if not not_engaged else _zero(analysis),
        article10={
            "protected": staged.protected,
            "level": staged.protection_level,
            "reasons": article10_reasons,
            "protected_probability": round(reasoning.protected_probability, 4),
            "prompts": list(ARTICLE10_PROMPTS),
        },
        public_interest=[as_item(r) for r in fired if r.stage == "public_interest"],
        flags=[
            {"id": r.id, "text": r.text, "source": r.resolved_source(facts), "kind": r.effect.split(":", 1)[1]}
            for r in fired
            if r.stage == "flag"
        ],
        recommendation=recommendation,
        recommendation_probabilities=rec_p,
        reasons=reasons,
        model_version={
            "reasoning": f"reasoning-1-{_priors_version()}",
            "text": str(text_models.version) if text_models is not None else "none",
            "threat": _threat_version(),
            "rules": RULES_VERSION,
        },
        answers={k: v.to_dict() for k, v in facts.answers.items()}
        | {k: v.to_dict() for k, v in reasoning.inferred.items()},
        text_scores=facts.text.to_dict() | {"threat": round(facts.threat_score, 4)},
        overrides=overrides,
        status="assessed" if not_engaged else reasoning.status,
        urgent=urgent,
        open_questions=[] if not_engaged else [q.to_dict() for q in reasoning.open_questions],
        authorship=_authorship(analysis, reasoning),
        refer_probability=0.0 if not_engaged else float(refer_p),
        estimates={k: v.to_dict() for k, v in reasoning.estimates.items()},
    )


def calibrated(rec_p: dict[str, float], threshold: float | None) -> str:
    """The recommendation: referral when its probability reaches the calibrated threshold, else the most probable
    outcome that is not a referral (and the other way round). ``None``: simply the most probable outcome."""
    order = {o: -i for i, o in enumerate(RECOMMENDATIONS)}
    best = max(RECOMMENDATIONS, key=lambda o: (rec_p[o], order[o]))
    if threshold is None:
        return best
    refer_p = sum(rec_p[o] for o in REFER)
    if refer_p >= threshold and best not in REFER:
        return max(REFER, key=lambda o: (rec_p[o], order[o]))
    if refer_p < threshold and best in REFER:
        return max((o for o in RECOMMENDATIONS if o not in REFER), key=lambda o: (rec_p[o], order[o]))
    return best


def _zero(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"id": p.id, "heading": p.heading, "topic": p.topic, "probability": 0.0, "likely": False, "reasons": []}
        for p in analysis.code.paragraphs
    ]


@cache
def _priors_version() -> str:
    return hashlib.sha256(json.dumps(priors(), sort_keys=True).encode()).hexdigest()[:12]


@cache
def _threat_version() -> str:
    path = MODELS_DIR / THREAT_MANIFEST
    if not path.exists():
        return "none"
    return "threat-" + str(json.loads(path.read_text(encoding="utf-8")).get("sha256", ""))[:12]
