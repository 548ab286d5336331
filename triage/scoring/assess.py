"""``assess(case)``: the scorer's single entry point. Pure Python; never reads ``expected``.

The result carries probabilities, the Code paragraphs, the Article 10 reading, public-interest factors, flags, a
recommendation and every reason behind them. The officer decides; the assessment explains.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from triage.codes import CodeOfConduct, code_for
from triage.scoring.analysis import Analysis, analyse
from triage.scoring.combine import Combiner, default_combiner
from triage.scoring.explain import MODEL_SOURCE, feature_reasons, model_reason, text_evidence
from triage.scoring.rules import RULES, Rule
from triage.scoring.types import RECOMMENDATIONS, Assessment, Reason, TextModelsLike

NOT_ENGAGED_RULES = {"JUR-NOT-IN-OFFICE", "JUR-CODE-NOT-IN-FORCE"}
THREAT_RULE = "FLAG-POLICE-THREAT"
RULES_VERSION = hashlib.sha256("|".join(f"{r.id}:{r.stage}:{r.effect}" for r in RULES).encode()).hexdigest()[:12]
#: Paragraph probability used when no topic model exists: a rule pointing at the topic fired, or none did.
FALLBACK_TOPIC = (0.8, 0.03)
#: Scale for a paragraph that protects a different kind of target from the one the post is aimed at.
OTHER_TARGET_SCALE = 0.15


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


def _rule_weights(combiner: Combiner | None, analysis: Analysis, recommendation: str) -> dict[str, float]:
    if combiner is None:
        return {}
    head = combiner.heads["recommendation"]
    if recommendation not in head.classes:
        return {}
    return {name.removeprefix("rule:"): v for name, v in head.contributions(analysis.vector, recommendation)}


def _paragraphs(
    analysis: Analysis, combiner: Combiner | None, engaged_p: float, fired: list[Rule], not_engaged: bool
) -> list[dict[str, Any]]:
    code, x, target = analysis.code, analysis.vector, analysis.facts.target
    topic_rules: dict[str, list[Rule]] = {}
    for rule in fired:
        if rule.topic:
            topic_rules.setdefault(rule.topic, []).append(rule)
            # a rule on a topic this Code lacks counts towards the paragraph the Code uses instead
            for p in code.paragraphs_for(rule.topic):
                if p.topic != rule.topic:
                    topic_rules.setdefault(p.topic, []).append(rule)
    out = []
    for order, para in enumerate(code.paragraphs):
        reasons = [
            {"id": r.id, "text": r.text, "effect": r.effect, "source": r.resolved_source(analysis.facts)}
            for r in topic_rules.get(para.topic, [])
        ]
        head = combiner.topic_head(para.topic) if combiner else None
        if head is not None:
            p = head.proba(x)[head.classes[1]]
            terms = sorted(head.contributions(x), key=lambda t: -abs(t[1]))[:3]
            reasons.append(
                {
                    "id": f"MODEL-TOPIC-{para.topic.upper()}",
                    "text": f"Topic model for {para.topic}: {p:.0%} ("
                    + (", ".join(f"{n} {v:+.2f}" for n, v in terms) or "intercept only")
                    + ").",
                    "effect": "model",
                    "source": MODEL_SOURCE,
                }
            )
        else:
            p = engaged_p * (FALLBACK_TOPIC[0] if para.topic in topic_rules else FALLBACK_TOPIC[1])
        if para.targets and target not in ("unknown", None) and target not in para.targets:
            p *= OTHER_TARGET_SCALE
            reasons.append(
                {
                    "id": "PARA-OTHER-TARGET",
                    "text": f"This paragraph protects {', '.join(para.targets)}; the post is aimed at {target}.",
                    "effect": "-paragraph",
                    "source": f"{code.id} para {para.id}",
                }
            )
        if not_engaged:
            p = 0.0
        out.append(
            {
                "id": para.id,
                "heading": para.heading,
                "topic": para.topic,
                "probability": round(float(p), 4),
                "likely": p >= 0.5,
                "reasons": reasons,
                "_order": order,
            }
        )
    out.sort(key=lambda d: (-d["probability"], d["_order"]))
    for d in out:
        del d["_order"]
    return out


def assess(
    case: dict[str, Any],
    *,
    code: CodeOfConduct | None = None,
    text_models: TextModelsLike | None = None,
    combiner: Combiner | None = None,
) -> Assessment:
    """Assess one case-file dict. ``code``, ``text_models`` and ``combiner`` default to the shipped ones."""
    code = code or code_for(case)
    text_note = ""
    if text_models is None:
        text_models, text_note = _default_text_models()
    combiner = combiner if combiner is not None else default_combiner()
    analysis = analyse(case, code=code, text_models=text_models)
    facts, fired, staged, x = analysis.facts, analysis.fired, analysis.staged, analysis.vector
    fired_ids = {r.id for r in fired}
    reasons: list[Reason] = []
    overrides: list[str] = []

    # --- probabilities: the combination model, or the staged reading when no model is available -------------
    if combiner is not None:
        rec_p = combiner.recommendation_proba(x)
        eng_head, br_head = combiner.heads.get("code_engaged"), combiner.heads.get("breach")
        engaged_p = eng_head.proba(x)[eng_head.classes[1]] if eng_head else float(staged.engaged)
        breach_p = br_head.proba(x)[br_head.classes[1]] if br_head else float(staged.breach)
    else:
        rec_p = {o: float(o == staged.outcome) for o in RECOMMENDATIONS}
        engaged_p, breach_p = float(staged.engaged), float(staged.breach)
        reasons.append(
            Reason(
                "MODEL-UNAVAILABLE",
                "No trained combination model is installed, so the probabilities are the staged reading of the "
                "rules (0 or 1). Run `triage model train`.",
                "model",
                MODEL_SOURCE,
                "model",
            )
        )
    recommendation = max(RECOMMENDATIONS, key=lambda o: rec_p[o])

    # --- categorical overrides, always stated --------------------------------------------------------------
    not_engaged = bool(fired_ids & NOT_ENGAGED_RULES)
    if not_engaged:
        engaged_p, breach_p = 0.0, 0.0
        new = "police_referral" if THREAT_RULE in fired_ids else "no_further_action"
        overrides.append("not_engaged")
        reasons.append(
            Reason(
                "OVERRIDE-NOT-ENGAGED",
                "The law is categorical here: the Code cannot apply, so the engagement and breach probabilities are "
                f"set to 0 and the recommendation to '{new.replace('_', ' ')}' (model said "
                f"'{recommendation.replace('_', ' ')}').",
                "override",
                "; ".join(r.resolved_source(facts) for r in fired if r.id in NOT_ENGAGED_RULES),
                "jurisdiction",
            )
        )
        recommendation = new
    if THREAT_RULE in fired_ids and recommendation != "police_referral":
        overrides.append("police_referral")
        reasons.append(
            Reason(
                "OVERRIDE-POLICE-THREAT",
                "The member's post is recorded as threatening: a possible offence, so the recommendation is "
                f"police referral, pausing the Code process (model said '{recommendation.replace('_', ' ')}').",
                "override",
                "Online Safety Act 2023 s.181; council practice on pausing for police",
                "flag",
            )
        )
        recommendation = "police_referral"

    # --- reasons: staged reading, fired rules (with model weights), model terms, text evidence ----------------
    reasons.append(
        Reason(
            "STAGED-READING",
            f"Staged reading: Code {'engaged' if staged.engaged else 'not engaged'} ({staged.engaged_why}); "
            f"{'a breach if proven on ' + ', '.join(staged.topics) if staged.topics else 'no breach if proven'}; "
            f"Article 10: {staged.protection_why}; suggests '{staged.outcome.replace('_', ' ')}' "
            f"({staged.outcome_why}).",
            f"staged:{staged.outcome}",
            "Staged approach in published practice (sample_cases/README.md labelling policy)",
            "model",
        )
    )
    weights = _rule_weights(combiner, analysis, recommendation)
    reasons.extend(rule.reason(facts, weights.get(rule.id)) for rule in fired)
    if combiner is not None:
        head = combiner.heads["recommendation"]
        if recommendation in head.classes:
            reasons.append(
                model_reason(
                    "MODEL-RECOMMENDATION",
                    f"Model probability of '{recommendation.replace('_', ' ')}'",
                    head,
                    x,
                    recommendation,
                    rec_p[recommendation],
                )
            )
            reasons.extend(feature_reasons(head, x, recommendation))
        for key, what, p in (
            ("code_engaged", "Model probability that the Code is engaged", engaged_p),
            ("breach", "Model probability of a breach if proven and not protected", breach_p),
        ):
            if key in combiner.heads and not not_engaged:
                reasons.append(
                    model_reason(f"MODEL-{key.upper().replace('_', '-')}", what, combiner.heads[key], x, None, p)
                )
        if text_models is not None and combiner.text_version not in ("none", str(text_models.version)):
            reasons.append(
                Reason(
                    "MODEL-TEXT-VERSION",
                    f"The combination model was trained with text classifiers {combiner.text_version} but "
                    f"{text_models.version} are loaded; retrain with `triage model train`.",
                    "warning",
                    MODEL_SOURCE,
                    "model",
                )
            )
    if text_models is None:
        reasons.append(
            Reason(
                "TEXT-UNAVAILABLE",
                f"Text scores were not used: {text_note or 'no text classifiers given'}. The assessment rests on the "
                "answers alone.",
                "warning",
                "Text classifiers (docs/model-card-text-classifiers.md)",
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
    return Assessment(
        reference=case.get("reference"),
        code=code.id,
        code_engaged_probability=float(engaged_p),
        breach_probability=float(breach_p),
        paragraphs=_paragraphs(analysis, combiner, engaged_p, fired, not_engaged),
        article10={"protected": staged.protected, "level": staged.protection_level, "reasons": article10_reasons},
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
            "combiner": combiner.version if combiner else "none",
            "combiner_sha256": (combiner.manifest.get("sha256") or "")[:12] if combiner else "",
            "text": str(text_models.version) if text_models is not None else "none",
            "rules": RULES_VERSION,
        },
        answers={k: v.to_dict() for k, v in facts.answers.items()},
        text_scores=facts.text.to_dict(),
        overrides=overrides,
    )
