#!/usr/bin/env python3
"""Independent sanity check of a portfolio folder in the submission format (standard library only).

    python3 SampleData/tools/check_portfolio.py DIR [--period 2026-11]

Reads every <entity>.csv and every urn:govpack:submission:1 XML under DIR (MSPDI files and any
folder named `bad` are skipped), then prints: field types and enums against the contract,: duplicate keys, broken references, inconsistent dates, and the list of
governance findings that SampleData/README.md says are planted. Exit 1 on structural problems
(duplicates, bad references, bad dates); findings alone are not failures.
"""
import calendar
import csv
import datetime as dt
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = "{urn:govpack:submission:1}"
KEYS = {
    "programs": ["program_id"], "people": ["person_id"], "certifications": ["person_id", "certification"],
    "projects": ["project_id"], "financials": ["project_id", "period"],
    "milestones": ["project_id", "milestone_id"], "stage_gates": ["project_id", "gate"],
    "risks": ["project_id", "risk_id"], "issues": ["project_id", "issue_id"],
    "assignments": ["project_id", "person_id", "period"], "benefits": ["project_id", "benefit_id"],
    "benefit_measurements": ["project_id", "benefit_id", "measured_on"],
    "dependencies": ["from_project_id", "to_project_id"],
    "change_impacts": ["project_id", "stakeholder_group", "measured_on"], "lessons": ["project_id", "lesson_id"],
}
ELEMENT = {"financials": "financials", "milestone": "milestones", "stage_gate": "stage_gates", "risk": "risks",
           "issue": "issues", "assignment": "assignments", "benefit": "benefits",
           "benefit_measurement": "benefit_measurements", "dependency": "dependencies",
           "change_impact": "change_impacts", "lesson": "lessons"}


ENUMS = {
    "stage": {"initiation", "planning", "execution", "closing", "closed"},
    "methodology": {"waterfall", "agile", "hybrid"},
    "milestones.status": {"not_started", "in_progress", "complete", "missed"},
    "decision": {"approved", "conditional", "rejected", "deferred"},
    "risks.category": {"strategic", "financial", "schedule", "technical", "resource", "compliance",
                       "operational", "external"},
    "response": {"avoid", "mitigate", "transfer", "accept"},
    "risks.status": {"open", "closed"}, "issues.status": {"open", "closed"},
    "issues.priority": {"low", "medium", "high", "critical"},
    "benefits.category": {"financial", "efficiency", "customer", "compliance", "strategic"},
    "dependencies.status": {"on_track", "at_risk", "late", "delivered"},
    "impact_level": {"low", "medium", "high"}, "gate": {"G0", "G1", "G2", "G3", "G4", "G5"},
}
REQUIRED = {
    "programs": ["program_id", "name"], "people": ["person_id", "name"],
    "certifications": ["person_id", "certification"],
    "projects": ["project_id", "name", "stage", "start_date", "baseline_end_date", "budget", "rag_overall",
                 "last_updated"],
    "financials": ["project_id", "period", "planned_value", "earned_value", "actual_cost"],
    "milestones": ["project_id", "milestone_id", "name", "baseline_date"],
    "stage_gates": ["project_id", "gate", "planned_date"],
    "risks": ["project_id", "risk_id", "title", "probability", "impact", "status"],
    "issues": ["project_id", "issue_id", "title"],
    "assignments": ["project_id", "person_id", "period", "planned_hours"],
    "benefits": ["project_id", "benefit_id", "description", "baseline_value", "target_value", "target_date"],
    "benefit_measurements": ["benefit_id", "project_id", "measured_on", "actual_value"],
    "dependencies": ["from_project_id", "to_project_id"],
    "change_impacts": ["project_id", "stakeholder_group"],
    "lessons": ["project_id", "lesson_id", "description"],
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DEC_RE = re.compile(r"^-?\d+(\.\d+)?$")
INT_RE = re.compile(r"^-?\d+$")


def type_errors(entity, r):
    errs = []
    for c in REQUIRED[entity]:
        if not r.get(c):
            errs.append(f"missing {c}")
    for c, v in r.items():
        if c == "@" or v in ("", None):
            continue
        key = f"{entity}.{c}" if f"{entity}.{c}" in ENUMS else c
        if key in ENUMS and entity != "lessons" and v not in ENUMS[key]:
            errs.append(f"{c}={v!r} not in enum")
        elif c.endswith("_date") or c in ("measured_on", "recorded_on", "needed_by", "last_updated"):
            try:
                dt.date.fromisoformat(v)
                assert DATE_RE.match(v)
            except Exception:
                errs.append(f"{c}={v!r} not a date")
        elif c == "period" and not PERIOD_RE.match(v):
            errs.append(f"{c}={v!r} not a period")
        elif c in ("planned_value", "earned_value", "actual_cost", "forecast_at_completion", "budget",
                   "capacity_hours", "percent_complete", "planned_hours", "actual_hours", "baseline_value",
                   "target_value", "actual_value", "training_completion", "adoption_target",
                   "adoption_actual") and not DEC_RE.match(v):
            errs.append(f"{c}={v!r} not a plain decimal")
        elif c in ("probability", "impact") and not (INT_RE.match(v) and 1 <= int(v) <= 5):
            errs.append(f"{c}={v!r} not 1-5")
        elif c in ("strategic_score", "priority") and entity == "projects" and not INT_RE.match(v):
            errs.append(f"{c}={v!r} not an int")
        elif c.startswith("rag_") and v.upper() not in ("R", "A", "G"):
            errs.append(f"{c}={v!r} not a RAG")
        elif c == "escalated" and v.upper() not in ("Y", "N", "YES", "NO", "TRUE", "FALSE", "1", "0"):
            errs.append(f"{c}={v!r} not a bool")
        if c in ("percent_complete", "training_completion", "adoption_target", "adoption_actual") \
                and DEC_RE.match(v) and not 0 <= float(v) <= 100:
            errs.append(f"{c}={v!r} not 0-100")
    return errs


def load(root):
    tables = {k: [] for k in KEYS}
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "bad")      # SampleData/bad holds deliberate defects
        for f in sorted(files):
            path = os.path.join(dirpath, f)
            stem = f[:-4].lower()
            if f.lower().endswith(".csv") and stem in KEYS:
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    for i, row in enumerate(csv.DictReader(fh), start=2):
                        row["@"] = f"{path}:{i}"
                        tables[stem].append(row)
            elif f.lower().endswith(".xml"):
                tree = ET.parse(path)
                if tree.getroot().tag != NS + "submission":
                    continue
                for pe in tree.getroot():
                    prow = dict(pe.attrib)
                    prow["@"] = f"{path}:{pe.get('project_id')}"
                    tables["projects"].append(prow)
                    for child in pe:
                        entity = ELEMENT[child.tag[len(NS):]]
                        row = dict(child.attrib)
                        row["from_project_id" if entity == "dependencies" else "project_id"] = prow["project_id"]
                        row["@"] = f"{path}:{prow['project_id']}/{child.tag[len(NS):]}"
                        tables[entity].append(row)
    return tables


def day(s):
    return dt.date.fromisoformat(s) if s else None


def main():
    args = sys.argv[1:]
    period = "2026-11"
    if "--period" in args:
        period = args[args.index("--period") + 1]
    root = args[0]
    y, m = int(period[:4]), int(period[5:])
    today = dt.date(y, m, calendar.monthrange(y, m)[1])
    t = load(root)
    problems, findings = [], []

    for entity in KEYS:
        for r in t[entity]:
            for e in type_errors(entity, r):
                problems.append(f"{entity} {e} at {r['@']}")
    for entity, key in KEYS.items():
        seen = {}
        for r in t[entity]:
            k = tuple(r.get(c, "") for c in key)
            if k in seen:
                problems.append(f"duplicate {entity} {k}: {seen[k]} and {r['@']}")
            seen[k] = r["@"]
    projects = {r["project_id"]: r for r in t["projects"]}
    people = {r["person_id"]: r for r in t["people"]}
    programs = {r["program_id"] for r in t["programs"]}
    for entity in KEYS:
        for r in t[entity]:
            for col in ("project_id", "from_project_id", "to_project_id"):
                if col in r and entity != "projects" and r[col] not in projects:
                    problems.append(f"unknown project {r[col]} at {r['@']}")
            if "person_id" in r and r["person_id"] not in people:
                problems.append(f"unknown person {r['person_id']} at {r['@']}")
            for col in ("owner", "manager"):
                v = r.get(col, "")
                if v.startswith("P-") and v not in people:
                    problems.append(f"unknown person in {col} {v} at {r['@']}")
    for r in t["projects"]:
        if r.get("program_id") and r["program_id"] not in programs:
            problems.append(f"unknown program {r['program_id']} at {r['@']}")
        if day(r["start_date"]) >= day(r["baseline_end_date"]):
            problems.append(f"start not before baseline end at {r['@']}")
        if (today - day(r["last_updated"])).days > 35:
            findings.append(f"stale last_updated {r['project_id']} {r['last_updated']}")
    bids = {(r["project_id"], r["benefit_id"]) for r in t["benefits"]}
    for r in t["benefit_measurements"]:
        if (r["project_id"], r["benefit_id"]) not in bids:
            problems.append(f"unknown benefit at {r['@']}")
    for entity, cols in [("milestones", ["actual_date"]), ("stage_gates", ["review_date"]),
                         ("benefit_measurements", ["measured_on"]), ("change_impacts", ["measured_on"]),
                         ("lessons", ["recorded_on"]), ("risks", ["raised_date"]), ("issues", ["raised_date"])]:
        for r in t[entity]:
            for c in cols:
                if r.get(c) and day(r[c]) > today:
                    problems.append(f"{entity}.{c} after period end at {r['@']}")

    # Earned value and the watermelon check.
    ev = {}
    for r in t["financials"]:
        if r["period"] <= period:
            a = ev.setdefault(r["project_id"], [0.0, 0.0, 0.0])
            a[0] += float(r["planned_value"]); a[1] += float(r["earned_value"]); a[2] += float(r["actual_cost"])
    for pid, (pv, e, ac) in sorted(ev.items()):
        cpi = e / ac if ac else None
        spi = e / pv if pv else None
        worst = min([x for x in (cpi, spi) if x is not None], default=1)
        rag = projects[pid]["rag_overall"]
        if (worst < 0.8 and rag != "R") or (worst < 0.9 and rag == "G"):
            findings.append(f"watermelon {pid} rag={rag} PV={pv:.2f} EV={e:.2f} AC={ac:.2f} CPI={cpi:.4f} SPI={spi:.4f}")

    # Resources.
    load_ = {}
    for r in t["assignments"]:
        if r["period"] == period:
            load_.setdefault(r["person_id"], []).append((r["project_id"], float(r["planned_hours"])))
    for pid, xs in sorted(load_.items()):
        cap = float(people[pid].get("capacity_hours") or 140)
        tot = sum(h for _, h in xs)
        if tot > cap:
            findings.append(f"over-allocated {pid} {tot:g}h > {cap:g}h on {len(xs)} projects {xs}")

    # Risks.
    exposure = {}
    for r in t["risks"]:
        s = int(r["probability"]) * int(r["impact"])
        if r["status"] == "open":
            exposure[r.get("category", "")] = exposure.get(r.get("category", ""), 0) + s
            if s >= 15 and r.get("escalated", "").upper() not in ("Y", "YES", "TRUE", "1"):
                findings.append(f"not escalated {r['project_id']} {r['risk_id']} score {s}")
            if s >= 12 and not r.get("owner"):
                findings.append(f"no owner {r['project_id']} {r['risk_id']} score {s}")
    findings.append("open exposure by category " + str(sorted(exposure.items(), key=lambda x: -x[1])))

    # Gates, milestones, dependencies, benefits, change, lessons, certifications.
    for r in t["stage_gates"]:
        planned = day(r["planned_date"])
        if planned <= today:
            review = day(r.get("review_date"))
            if not r.get("decision") or review is None or (review - planned).days > 14:
                findings.append(f"gate non-compliant {r['project_id']} {r['gate']} planned {r['planned_date']} "
                                f"review {r.get('review_date') or '-'} decision {r.get('decision') or '-'}")
    for r in t["milestones"]:
        if r.get("status") == "missed" and not r.get("forecast_date"):
            findings.append(f"missed milestone without forecast {r['project_id']} {r['milestone_id']}")
        if r.get("status") == "complete" and not r.get("actual_date"):
            problems.append(f"complete milestone without actual at {r['@']}")
        if not r.get("actual_date") and r.get("forecast_date") and day(r["forecast_date"]) <= today \
                and r.get("status") != "missed":
            problems.append(f"forecast in the past without actual at {r['@']}")
    for r in t["dependencies"]:
        if r.get("status") == "late":
            findings.append(f"late dependency {r['from_project_id']} -> {r['to_project_id']} needed {r.get('needed_by')}")
        if r.get("status") in ("on_track", "at_risk") and r.get("needed_by") and day(r["needed_by"]) <= today:
            problems.append(f"open dependency past needed_by at {r['@']}")
    latest = {}
    for r in t["benefit_measurements"]:
        k = (r["project_id"], r["benefit_id"])
        if k not in latest or r["measured_on"] > latest[k][0]:
            latest[k] = (r["measured_on"], float(r["actual_value"]))
    for r in t["benefits"]:
        k = (r["project_id"], r["benefit_id"])
        if day(r["target_date"]) <= today:
            base, target = float(r["baseline_value"]), float(r["target_value"])
            got = latest.get(k, (None, base))[1]
            pct = 100 * (got - base) / (target - base)
            if pct < 100:
                findings.append(f"benefit short of target {k} realisation {pct:.1f}% (latest {got:g}, target {target:g})")
    for r in t["change_impacts"]:
        if r["impact_level"] == "high" and float(r.get("training_completion") or 0) < 50:
            findings.append(f"high-impact group without training {r['project_id']} {r['stakeholder_group']} "
                            f"training {r.get('training_completion') or '-'}")
    with_lessons = {r["project_id"] for r in t["lessons"]}
    for pid, r in sorted(projects.items()):
        if r["stage"] == "closed" and pid not in with_lessons:
            findings.append(f"closed without lessons {pid}")
    certs = {}
    for r in t["certifications"]:
        certs.setdefault(r["person_id"], []).append(r)
    for pid, r in sorted(projects.items()):
        if float(r["budget"]) > 1_000_000 and r.get("manager"):
            for c in certs.get(r["manager"], []):
                if c.get("expiry_date") and day(c["expiry_date"]) < today:
                    findings.append(f"manager {r['manager']} of {pid} (budget {r['budget']}) has expired "
                                    f"{c['certification']} {c['expiry_date']}")
            if not certs.get(r["manager"]):
                findings.append(f"manager {r['manager']} of {pid} (budget {r['budget']}) has no certification")

    counts = {k: len(v) for k, v in t.items()}
    print("rows", counts)
    for f in findings:
        print("finding:", f)
    for p in problems[:50]:
        print("PROBLEM:", p)
    print(f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
