#!/usr/bin/env python3
"""Checks the evaluation set mechanically against the domain files and prints its composition.

Errors (exit 1): unknown domain, attribute, value or category; a question that is not the domain's own text;
a protected attribute (neverAsk or neverInfer) in a request's "expected" or in an answer's "also"; "also"
naming the pending attribute; duplicate ids or duplicate (domain, attribute, text) cases; a case in both
halves; an attribute with no answers, or answers of only one value; fewer than 800 answers, 100 requests or
15 requests for a domain; halves that differ by more than one case in a (domain, category) stratum.
Warnings: paraphrases that contain one of the expected value's synonyms verbatim (paraphrases are meant to
describe the thing in the user's words, not to repeat the domain file).

Usage: python3 validate.py [--domains-dir DIR]
"""
import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DOMAINS = os.path.normpath(os.path.join(
    HERE, "..", "..", "..", "..", "..", "..", "main", "resources", "dev", "askwise", "dialogue", "domains"))
DOMAINS = ["email", "hotel", "image", "movies", "vacation"]
ANSWER_CATEGORIES = {  # category: target share from the brief
    "direct": .20, "paraphrase": .15, "typo": .10, "hedge": .08, "negation": .10, "indifference": .08,
    "multi-value": .08, "relative/superlative": .07, "change-of-mind": .05, "bare/pronoun": .05, "off-topic": .04,
}
FILES = {"answers": ["answers-tune.jsonl", "answers-heldout.jsonl"],
         "requests": ["requests-tune.jsonl", "requests-heldout.jsonl"]}

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def load_domains(d):
    out = {}
    for name in DOMAINS:
        with open(os.path.join(d, name + ".json"), encoding="utf-8") as f:
            spec = json.load(f)
        attrs = {}
        for a in spec["attributes"]:
            attrs[a["name"]] = {
                "question": a["question"],
                "values": {v["name"]: [s.lower() for s in v.get("synonyms", [])] for v in a["values"]},
                "protected": bool(a.get("neverAsk") or a.get("neverInfer")),
            }
        out[spec["name"]] = attrs
    return out


def read(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{os.path.basename(path)}:{n}: not JSON: {e}")
    return cases


def check_pairs(dom, pairs, where, pending=None):
    if not isinstance(pairs, dict):
        err(f"{where}: must be an object")
        return
    for k, v in pairs.items():
        if k not in dom:
            err(f"{where}: unknown attribute {k}")
            continue
        if dom[k]["protected"]:
            err(f"{where}: protected attribute {k} must not be set here")
        if k == pending:
            err(f"{where}: names the pending attribute {k}")
        if v != "no-preference" and v not in dom[k]["values"]:
            err(f"{where}: {k}={v} is not a value of {k}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--domains-dir", default=DEFAULT_DOMAINS)
    args = ap.parse_args()
    domains = load_domains(args.domains_dir)
    ids, seen_text = {}, {}
    halves = {}
    for kind, files in FILES.items():
        for fn in files:
            half = "tune" if "tune" in fn else "heldout"
            for c in read(os.path.join(HERE, fn)):
                where = f"{fn}:{c.get('id')}"
                if c.get("id") in ids:
                    err(f"{where}: id also in {ids[c['id']]}")
                ids[c.get("id")] = fn
                halves.setdefault((kind, half), []).append(c)
                dname = c.get("domain")
                if dname not in domains:
                    err(f"{where}: unknown domain {dname}")
                    continue
                dom = domains[dname]
                key = (dname, c.get("attribute"), " ".join(str(c.get("text", "")).lower().split()))
                if key in seen_text:
                    err(f"{where}: same text as {seen_text[key]}")
                seen_text[key] = where
                if not str(c.get("text", "")).strip():
                    err(f"{where}: empty text")
                if kind == "requests":
                    if "attribute" in c:
                        err(f"{where}: a first request has no pending attribute")
                    if c.get("category") != "request":
                        err(f"{where}: category must be 'request'")
                    check_pairs(dom, c.get("expected"), where + " expected")
                    continue
                a = c.get("attribute")
                if a not in dom:
                    err(f"{where}: unknown attribute {a}")
                    continue
                if c.get("question") != dom[a]["question"]:
                    err(f"{where}: question is not the domain's own text")
                exp = c.get("expected")
                if exp not in ("indifferent", "none") and exp not in dom[a]["values"]:
                    err(f"{where}: expected {exp!r} is not a value of {a}")
                if c.get("category") not in ANSWER_CATEGORIES:
                    err(f"{where}: unknown category {c.get('category')}")
                if exp == "none" and c.get("category") != "off-topic":
                    warnings.append(f"{where}: expected none outside off-topic")
                if c.get("category") == "off-topic" and exp != "none":
                    err(f"{where}: off-topic must expect none")
                if c.get("category") == "indifference" and exp != "indifferent":
                    err(f"{where}: indifference must expect indifferent")
                if "also" in c:
                    check_pairs(dom, c["also"], where + " also", pending=a)
                if c.get("category") == "paraphrase" and exp in dom[a]["values"]:
                    text = " " + " ".join(str(c["text"]).lower().split()) + " "
                    hits = [s for s in dom[a]["values"][exp] if f" {s} " in text]
                    if hits:
                        warnings.append(f"{where}: paraphrase contains synonym(s) {hits}: {c['text']!r}")

    answers = halves.get(("answers", "tune"), []) + halves.get(("answers", "heldout"), [])
    requests = halves.get(("requests", "tune"), []) + halves.get(("requests", "heldout"), [])

    # coverage: every attribute, a mix of values
    by_attr = collections.defaultdict(collections.Counter)
    for c in answers:
        by_attr[(c["domain"], c["attribute"])][c["expected"]] += 1
    for dname, dom in domains.items():
        for a in dom:
            vals = {v for v in by_attr[(dname, a)] if v in dom[a]["values"]}
            if not by_attr[(dname, a)]:
                err(f"{dname}.{a}: no answers")
            elif len(vals) < 2:
                err(f"{dname}.{a}: answers of only one value {sorted(vals)}")
            missing = set(dom[a]["values"]) - vals
            if missing:
                warnings.append(f"{dname}.{a}: no answer expects {sorted(missing)}")
        for half in ("tune", "heldout"):
            attrs = {c["attribute"] for c in halves.get(("answers", half), []) if c["domain"] == dname}
            for a in set(dom) - attrs:
                warnings.append(f"{dname}.{a}: no answers in the {half} half")
    if len(answers) < 800:
        err(f"only {len(answers)} answers (>= 800 needed)")
    if len(requests) < 100:
        err(f"only {len(requests)} requests (>= 100 needed)")
    for dname in domains:
        n = sum(1 for c in requests if c["domain"] == dname)
        if n < 15:
            err(f"{dname}: only {n} requests (>= 15 needed)")

    # balance of the split
    for kind in FILES:
        strata = collections.defaultdict(lambda: [0, 0])
        for i, half in enumerate(("tune", "heldout")):
            for c in halves.get((kind, half), []):
                strata[(c["domain"], c["category"])][i] += 1
        for k, (t, h) in sorted(strata.items()):
            if abs(t - h) > 1:
                err(f"{kind} stratum {k}: {t} tune vs {h} held-out")

    # report
    print(f"answers: {len(answers)}  (tune {len(halves.get(('answers', 'tune'), []))}, "
          f"held-out {len(halves.get(('answers', 'heldout'), []))})")
    print(f"requests: {len(requests)}  (tune {len(halves.get(('requests', 'tune'), []))}, "
          f"held-out {len(halves.get(('requests', 'heldout'), []))})")
    print()
    print(f"{'category':22} {'tune':>5} {'held':>5} {'total':>6} {'share':>6} {'target':>7}")
    for cat, target in ANSWER_CATEGORIES.items():
        t = sum(1 for c in halves.get(("answers", "tune"), []) if c["category"] == cat)
        h = sum(1 for c in halves.get(("answers", "heldout"), []) if c["category"] == cat)
        print(f"{cat:22} {t:5} {h:5} {t + h:6} {(t + h) / max(1, len(answers)):6.1%} {target:7.0%}")
    print()
    print(f"{'domain':10} {'ans tune':>8} {'ans held':>8} {'req tune':>8} {'req held':>8} attributes")
    for dname in domains:
        row = [sum(1 for c in halves.get((k, h), []) if c["domain"] == dname)
               for k in ("answers", "requests") for h in ("tune", "heldout")]
        print(f"{dname:10} {row[0]:8} {row[1]:8} {row[2]:8} {row[3]:8} {len(domains[dname])}")
    print()
    print("answers per attribute (expected value: count)")
    for (dname, a), cnt in sorted(by_attr.items()):
        print(f"  {dname}.{a}: {sum(cnt.values())}  " + ", ".join(f"{v}:{n}" for v, n in sorted(cnt.items())))
    also = sum(1 for c in answers if c.get("also"))
    print(f"\nanswers with volunteered 'also': {also}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"\n{len(errors)} error(s), {len(warnings)} warning(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
