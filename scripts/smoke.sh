#!/bin/sh
# An installed contractbot, used from wherever it runs: index the shipped contracts (any file that fails
# fails this script), then one clause question and one penalty calculation, each checked for its answer.
# Reads CONTRACTBOT_KNOWLEDGE_DIR and CONTRACTBOT_DATA_DIR like the product does.
set -eu
contractbot index
contractbot ask --json "合同提前终止需要提前多久通知对方？" | python -c '
import json, sys
reply = json.load(sys.stdin)
assert reply["intent"] == "clause" and reply["citations"], reply
print("ask (clause):", reply["citations"][0]["contract_title"], reply["citations"][0]["clause"])
'
contractbot ask --json "欠款10000元，逾期10天，按日万分之五计算违约金是多少？" | python -c '
import json, sys
reply = json.load(sys.stdin)
assert reply["intent"] == "penalty" and reply["penalty"]["amount"] == "50.00", reply
print("ask (penalty):", reply["penalty"]["amount"], "元")
'
