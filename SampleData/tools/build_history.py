#!/usr/bin/env python3
"""Builds the sample's earlier submissions, 2026-09 and 2026-10, from the 2026-11 ones.

The monthly run keeps a history so that every pack can say what changed since last month; the
sample needs earlier months for that to show. This script winds the 2026-11 submissions back:

- rows dated after the earlier period's last day are not there yet (financials, measurements,
  lessons, issues and risks raised later); actual dates after it become forecasts; reviews after
  it have not happened; `last_updated` falls in that month; percent complete is 4 points lower
  per month;
- then it plants the changes SampleData/README.md ("History") documents, worked by hand:
  * PRJ-011 R-3 scored 3 x 4 = 12 in October; November re-scores it 4 x 5 = 20;
  * PRJ-011 R-1 and PRJ-002 R-1 were open in October and are closed in November;
  * PRJ-008 M-4 and PRJ-002 M-4 were forecast 21 and 14 days earlier in September and October;
  * PRJ-008 earned 86% of plan at 100% of plan's cost in September and October (CPI = SPI = 0.86:
    derived Amber); November's figures (CPI 0.72, SPI 0.75) make it Red: it "went Red this month";
  * PRJ-002 and PRJ-025 reported Green in September and October, Amber in November;
    PRJ-006 reported Green in September;
  * 2026-09: the data-analytics team did not submit (its folder is absent);
  * 2026-10: the regulatory team's risks.csv lost its `impact` column (a broken export), so the
    monthly run quarantines that team's submission.

Run from anywhere: python3 SampleData/tools/build_history.py (rewrites submissions/2026-09 and
submissions/2026-10; 2026-11 is left as it is).
"""
import calendar
import csv
import io
import os
import shutil
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "submissions")
SOURCE = "2026-11"
NS = "urn:govpack:submission:1"


def month_end(period):
    y, m = map(int, period.split("-"))
    return f"{period}-{calendar.monthrange(y, m)[1]:02d}"


def months_back(period):
    y, m = map(int, period.split("-"))
    sy, sm = map(int, SOURCE.split("-"))
    return (sy - y) * 12 + (sm - m)


def same_day_in(date, period):
    """The date moved into `period`, keeping its day of the month where the month has it."""
    y, m = map(int, period.split("-"))
    day = min(int(date[8:10]), calendar.monthrange(y, m)[1])
    return f"{period}-{day:02d}"


def rewind(entity, row, period):
    """Row as the team would have sent it for `period`, or None when it did not exist yet."""
    end = month_end(period)
    later = lambda key: row.get(key, "") not in ("", None) and row[key] > end
    if entity == "financials":
        return None if row["period"] > period else row
    if entity == "assignments":
        if row["period"] > period:
            row["actual_hours"] = ""
        return row
    if entity in ("benefit_measurements", "change_impacts"):
        if later("measured_on"):
            if entity == "benefit_measurements":
                return None
            row["measured_on"] = same_day_in(row["measured_on"], period)
            actual = row.get("adoption_actual", "")
            if actual:
                row["adoption_actual"] = str(max(0, int(float(actual)) - 5 * months_back(period)))
        return row
    if entity == "lessons":
        return None if later("recorded_on") else row
    if entity == "issues":
        return None if later("raised_date") else row
    if entity == "risks":
        if later("raised_date"):
            return None
        if later("review_date"):
            row["review_date"] = same_day_in(row["review_date"], period)
        return row
    if entity == "milestones":
        if later("actual_date"):
            row["forecast_date"] = row["actual_date"]
            row["actual_date"] = ""
            row["status"] = "in_progress"
        return row
    if entity == "stage_gates":
        if later("review_date"):
            row["review_date"] = ""
            row["decision"] = ""
        return row
    if entity == "projects":
        for key in ("last_updated", "last_update"):
            if later(key):
                row[key] = same_day_in(row[key], period)
        pc = row.get("percent_complete", "")
        if pc and row.get("stage") not in ("closing", "closed"):
            row["percent_complete"] = str(max(0, int(float(pc)) - 4 * months_back(period)))
        return row
    return row


def add_days(date, days):
    import datetime
    d = datetime.date.fromisoformat(date) + datetime.timedelta(days=days)
    return d.isoformat()


def plant(entity, row, period, team):
    """The documented month-to-month changes (see the module docstring)."""
    pid = row.get("project_id")
    if entity == "risks":
        if (pid, row["risk_id"]) == ("PRJ-011", "R-3"):
            row["probability"], row["impact"] = "3", "4"
        if (pid, row["risk_id"]) in (("PRJ-011", "R-1"), ("PRJ-002", "R-1")):
            row["status"] = "open"
            row["review_date"] = same_day_in("2026-10-20", period)
    if entity == "milestones":
        shift = {("PRJ-008", "M-4"): 21, ("PRJ-002", "M-4"): 14}.get((pid, row["milestone_id"]))
        if shift and row.get("forecast_date"):
            row["forecast_date"] = add_days(row["forecast_date"], -shift)
    if entity == "financials" and pid == "PRJ-008":
        pv = float(row["planned_value"])
        row["earned_value"] = f"{pv * 0.86:.2f}"
        row["actual_cost"] = f"{pv:.2f}"
    if entity == "projects":
        if pid in ("PRJ-002", "PRJ-025") or (pid == "PRJ-006" and period == "2026-09"):
            row["rag_overall"] = "G"
    return row


def rewrite_csv(src, dst, entity, period, team):
    with open(src, newline="", encoding="utf-8-sig") as f:
        raw = f.read()
    bom = open(src, "rb").read(3) == b"\xef\xbb\xbf"
    crlf = "\r\n" in raw
    reader = csv.DictReader(io.StringIO(raw))
    fields = list(reader.fieldnames)
    rows = []
    for row in reader:
        row = rewind(entity, dict(row), period)
        if row is not None:
            rows.append(plant(entity, row, period, team))
    if period == "2026-10" and team == "regulatory" and entity == "risks":
        fields = [c for c in fields if c != "impact"]
        rows = [{k: v for k, v in r.items() if k != "impact"} for r in rows]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n" if crlf else "\n")
    w.writeheader()
    w.writerows(rows)
    with open(dst, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(out.getvalue())


XML_ENTITY = {
    "project": "projects", "financials": "financials", "milestone": "milestones", "risk": "risks",
    "issue": "issues", "stage_gate": "stage_gates", "assignment": "assignments", "benefit": "benefits",
    "benefit_measurement": "benefit_measurements", "change_impact": "change_impacts",
    "dependency": "dependencies", "lesson": "lessons",
}


def rewrite_submission_xml(src, dst, period, team):
    ET.register_namespace("", NS)
    tree = ET.parse(src)
    root = tree.getroot()
    root.set("period", period)

    def walk(parent, project_id):
        for child in list(parent):
            tag = child.tag.split("}")[-1]
            entity = XML_ENTITY.get(tag)
            if entity is None:
                continue
            row = dict(child.attrib)
            pid = row.get("project_id", project_id)
            row.setdefault("project_id", pid)
            implied = "project_id" not in child.attrib
            new = rewind(entity, row, period)
            if new is None:
                parent.remove(child)
                continue
            new = plant(entity, new, period, team)
            if implied:
                new.pop("project_id", None)
            child.attrib.clear()
            child.attrib.update(new)
            if tag == "project":
                walk(child, pid)

    walk(root, None)
    ET.indent(tree, space="  ")
    tree.write(dst, encoding="UTF-8", xml_declaration=True)
    with open(dst, "ab") as f:
        f.write(b"\n")


def build(period):
    src_root = os.path.join(ROOT, SOURCE)
    dst_root = os.path.join(ROOT, period)
    shutil.rmtree(dst_root, ignore_errors=True)
    for team in sorted(os.listdir(src_root)):
        if period == "2026-09" and team == "data-analytics":
            continue
        os.makedirs(os.path.join(dst_root, team))
        for name in sorted(os.listdir(os.path.join(src_root, team))):
            src = os.path.join(src_root, team, name)
            dst = os.path.join(dst_root, team, name)
            if name.endswith(".csv"):
                rewrite_csv(src, dst, name[:-4], period, team)
            elif name == "submission.xml":
                rewrite_submission_xml(src, dst, period, team)
            else:
                shutil.copyfile(src, dst)  # the MSPDI export: a schedule, copied as it is


if __name__ == "__main__":
    for p in ("2026-09", "2026-10"):
        build(p)
        print(f"wrote submissions/{p}")
