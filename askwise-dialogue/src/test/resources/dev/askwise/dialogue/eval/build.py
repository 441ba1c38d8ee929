#!/usr/bin/env python3
"""Builds the four JSON Lines files of the evaluation set from the hand-written sources in src/*.txt.

Source format, one case a line ('#' starts a comment line):
  answer:  ATTRIBUTE | CATEGORY | TEXT | EXPECTED [| OTHER=VALUE;OTHER=VALUE]
  request: R | TEXT | ATTRIBUTE=VALUE;ATTRIBUTE=VALUE   (empty after the last bar: the text settles nothing)

The question text of an answer is taken from the domain file, so it is always the domain's own wording.
The split into tune and held-out halves is stratified by (domain, category) and seeded, so rebuilding gives the
same files: within each stratum the cases are shuffled with random.Random("askwise-eval-11:" + stratum) and dealt
alternately, the first case of each stratum going to whichever half is currently smaller.

Usage: python3 build.py [--domains-dir DIR]   (default: the main resources of askwise-dialogue)
"""
import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DOMAINS = os.path.normpath(os.path.join(
    HERE, "..", "..", "..", "..", "..", "..", "main", "resources", "dev", "askwise", "dialogue", "domains"))
DOMAINS = ["email", "hotel", "image", "movies", "vacation"]
SEED = "askwise-eval-11"
CATEGORIES = {
    "dir": "direct", "para": "paraphrase", "typo": "typo", "hedge": "hedge", "neg": "negation",
    "ind": "indifference", "multi": "multi-value", "rel": "relative/superlative", "com": "change-of-mind",
    "bare": "bare/pronoun", "off": "off-topic",
}


def parse_pairs(field, where):
    out = {}
    field = field.strip()
    if not field:
        return out
    for pair in field.split(";"):
        k, sep, v = pair.partition("=")
        if not sep:
            sys.exit(f"{where}: bad pair {pair!r}")
        k, v = k.strip(), v.strip()
        if k in out:
            sys.exit(f"{where}: {k} given twice")
        out[k] = v
    return out


def load(domains_dir):
    answers, requests = [], []
    for domain in DOMAINS:
        with open(os.path.join(domains_dir, domain + ".json"), encoding="utf-8") as f:
            spec = json.load(f)
        questions = {a["name"]: a["question"] for a in spec["attributes"]}
        na = nr = 0
        with open(os.path.join(HERE, "src", domain + ".txt"), encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                where = f"src/{domain}.txt:{lineno}"
                line = line.rstrip()
                if line.endswith(" |"):
                    line += " "
                parts = [p.strip() for p in line.split(" | ")]
                if parts[0] == "R":
                    if len(parts) != 3:
                        sys.exit(f"{where}: a request needs 'R | text | pairs'")
                    nr += 1
                    requests.append({"id": f"r-{domain}-{nr:03d}", "domain": domain, "text": parts[1],
                                     "expected": parse_pairs(parts[2], where), "category": "request"})
                    continue
                if len(parts) not in (4, 5):
                    sys.exit(f"{where}: an answer needs 4 or 5 fields, got {len(parts)}")
                attr, cat, text, expected = parts[:4]
                if cat not in CATEGORIES:
                    sys.exit(f"{where}: unknown category {cat}")
                if attr not in questions:
                    sys.exit(f"{where}: unknown attribute {attr}")
                na += 1
                rec = {"id": f"a-{domain}-{na:04d}", "domain": domain, "attribute": attr,
                       "question": questions[attr], "text": text, "expected": expected,
                       "category": CATEGORIES[cat]}
                also = parse_pairs(parts[4], where) if len(parts) == 5 else {}
                if also:
                    rec["also"] = also
                answers.append(rec)
    return answers, requests


def split(cases):
    strata = {}
    for c in cases:
        strata.setdefault((c["domain"], c["category"]), []).append(c)
    tune, held = [], []
    for key in sorted(strata):
        group = sorted(strata[key], key=lambda c: c["id"])
        random.Random(f"{SEED}:{key[0]}:{key[1]}").shuffle(group)
        first_to_tune = len(tune) <= len(held)
        for i, c in enumerate(group):
            ((tune if (i % 2 == 0) == first_to_tune else held)).append(c)
    order = {c["id"]: i for i, c in enumerate(cases)}
    return sorted(tune, key=lambda c: order[c["id"]]), sorted(held, key=lambda c: order[c["id"]])


def write(path, cases):
    with open(path, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--domains-dir", default=DEFAULT_DOMAINS)
    args = ap.parse_args()
    answers, requests = load(args.domains_dir)
    at, ah = split(answers)
    rt, rh = split(requests)
    write(os.path.join(HERE, "answers-tune.jsonl"), at)
    write(os.path.join(HERE, "answers-heldout.jsonl"), ah)
    write(os.path.join(HERE, "requests-tune.jsonl"), rt)
    write(os.path.join(HERE, "requests-heldout.jsonl"), rh)
    print(f"answers: {len(at)} tune + {len(ah)} held-out; requests: {len(rt)} tune + {len(rh)} held-out")


if __name__ == "__main__":
    main()
