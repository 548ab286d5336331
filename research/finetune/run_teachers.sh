#!/bin/bash
# One teacher per held-out fold (0-4) plus one on every row (the teacher a shipped table would come from), one epoch
# each (epoch 1 scored as well as epoch 2 on fold 0), each distilled into a static table for the student's CV:
#   nohup research/finetune/run_teachers.sh > /tmp/finetune/teachers.log 2>&1 &
# About 10 minutes per teacher on the 2-core machine when it has the CPU to itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
for fold in 1 2 3 4 0 -1; do
  name=$([ "$fold" = "-1" ] && echo all || echo "fold$fold")
  out=/tmp/finetune/$name
  mkdir -p "$out"
  if [ ! -f "$out/model_ep1.pt" ]; then
    nice -n 19 /tmp/distill/bin/python research/finetune/finetune_fold0.py train --fold "$fold" --epochs 1 \
      --out-dir "$out" --log "$out/train.log"
  fi
  if [ ! -f "/tmp/se_cache_ft_$name/raw_tokens.npz" ]; then
    nice -n 19 /tmp/distill/bin/python research/finetune/distill_ft.py --checkpoint "$out/model_ep1.pt" \
      --out "/tmp/se_cache_ft_$name"
  fi
done
echo "all teachers done"
