#!/usr/bin/env python3
"""Builds SampleData/ (Northwind Mutual, report period 2026-11) deterministically.

The committed files are the source of truth; this script is how they were made, kept so a
reviewer can see why every number is what it is. Run from the repository root:

    python3 SampleData/tools/build_sample.py

It rewrites SampleData/reference and SampleData/submissions/2026-11 and prints the figures quoted in
SampleData/README.md (planted situations). Standard library only; seeded, no clock.
"""
import csv
import datetime as dt
import io
import os
import random
from xml.sax.saxutils import quoteattr, escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TODAY = dt.date(2026, 11, 30)          # last day of the report period
PERIOD = "2026-11"
RNG = random.Random(20261130)

COLUMNS = {
    "programs": "program_id,name,sponsor,manager,objective",
    "people": "person_id,name,role,department,skills,capacity_hours",
    "certifications": "person_id,certification,obtained_date,expiry_date",
    "projects": "project_id,name,program_id,business_unit,sponsor,manager,stage,methodology,start_date,"
                "baseline_end_date,forecast_end_date,budget,currency,rag_overall,rag_schedule,rag_cost,"
                "rag_scope,percent_complete,strategic_score,priority,status_summary,last_updated",
    "financials": "project_id,period,planned_value,earned_value,actual_cost,forecast_at_completion",
    "milestones": "project_id,milestone_id,name,baseline_date,forecast_date,actual_date,status",
    "stage_gates": "project_id,gate,planned_date,review_date,decision,approver",
    "risks": "project_id,risk_id,title,category,probability,impact,owner,response,response_plan,status,"
             "raised_date,review_date,escalated",
    "issues": "project_id,issue_id,title,priority,owner,raised_date,due_date,status,escalated",
    "assignments": "project_id,person_id,period,planned_hours,actual_hours",
    "benefits": "project_id,benefit_id,description,category,measure,baseline_value,target_value,target_date,owner",
    "benefit_measurements": "benefit_id,project_id,measured_on,actual_value",
    "dependencies": "from_project_id,to_project_id,description,needed_by,status",
    "change_impacts": "project_id,stakeholder_group,impact_level,training_completion,adoption_target,"
                      "adoption_actual,measured_on",
    "lessons": "project_id,lesson_id,recorded_on,category,description,recommendation",
}
COLS = {k: v.split(",") for k, v in COLUMNS.items()}


def d(s):
    return dt.date.fromisoformat(s)


def iso(x):
    return "" if x is None else x.isoformat()


def period_of(day):
    return f"{day.year:04d}-{day.month:02d}"


def add_months(p, n):
    y, m = int(p[:4]), int(p[5:])
    k = y * 12 + (m - 1) + n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def months_between(a, b):
    """Periods from a to b inclusive (YYYY-MM strings)."""
    out, p = [], a
    while p <= b:
        out.append(p)
        p = add_months(p, 1)
    return out


def money(x):
    """Plain decimal, cents only when there are any."""
    x = round(x, 2)
    if abs(x - round(x)) < 0.005:
        return str(int(round(x)))
    return f"{x:.2f}"


# MARK: - Programmes and teams

PROGRAMS = [
    ("PGM-1", "Digital Claims", "Helena Marsh", "P-001", "Settle 80% of simple claims within 48 hours", "claims"),
    ("PGM-2", "Core Policy Platform", "Rajesh Iyer", "P-002", "Retire the 1998 policy administration system", "policy-platform"),
    ("PGM-3", "Customer Experience", "Sofia Lindqvist", "P-003", "Raise customer NPS from +12 to +30", "customer"),
    ("PGM-4", "Regulation and Risk", "Martin O'Connell", "P-004", "Meet Solvency UK and Consumer Duty obligations", "regulatory"),
    ("PGM-5", "Data and Analytics", "Amara Okafor", "P-005", "One trusted source for customer and claims data", "data-analytics"),
    ("PGM-6", "Workplace and Infrastructure", "Graham Whitfield", "P-006", "Exit the Leeds data centre and cut run cost 15%", "infrastructure"),
]

# project_id, name, program, stage, methodology, duration months, fraction elapsed, budget
PROJECTS = [
    ("PRJ-001", "Claims triage automation", "PGM-1", "execution", "agile", 18, 0.55, 1450000),
    ("PRJ-002", "Motor claims portal", "PGM-1", "execution", "hybrid", 15, 0.62, 880000),
    ("PRJ-003", "Fraud scoring engine", "PGM-1", "execution", "agile", 20, 0.45, 2100000),
    ("PRJ-004", "Repair network onboarding", "PGM-1", "planning", "waterfall", 12, 0.18, 540000),
    ("PRJ-005", "Claims document scanning", "PGM-1", "closed", "waterfall", 12, 1.35, 620000),
    ("PRJ-006", "Photo-based damage estimates", "PGM-1", "initiation", "agile", 14, 0.04, 760000),
    ("PRJ-007", "Legacy policy data migration", "PGM-2", "closing", "waterfall", 16, 0.97, 1980000),
    ("PRJ-008", "Policy admin replacement", "PGM-2", "execution", "hybrid", 16, 0.0, 1920000),  # planted, fixed dates
    ("PRJ-009", "Rating engine rebuild", "PGM-2", "execution", "agile", 18, 0.50, 1650000),
    ("PRJ-010", "Broker integration API", "PGM-2", "execution", "agile", 12, 0.58, 720000),
    ("PRJ-011", "Renewals pricing service", "PGM-2", "execution", "hybrid", 14, 0.66, 990000),
    ("PRJ-012", "Product catalogue", "PGM-2", "planning", "waterfall", 10, 0.15, 430000),
    ("PRJ-013", "Customer self-service app", "PGM-3", "execution", "agile", 16, 0.52, 1280000),
    ("PRJ-014", "Contact centre telephony", "PGM-3", "execution", "waterfall", 14, 0.70, 960000),
    ("PRJ-015", "Complaints handling workflow", "PGM-3", "planning", "hybrid", 10, 0.20, 380000),
    ("PRJ-016", "Web chat and co-browse", "PGM-3", "closing", "agile", 12, 0.96, 410000),
    ("PRJ-017", "Customer letters redesign", "PGM-3", "closed", "waterfall", 9, 1.45, 260000),
    ("PRJ-018", "Vulnerable customer register", "PGM-3", "initiation", "hybrid", 10, 0.05, 350000),
    ("PRJ-019", "Consumer Duty outcomes monitoring", "PGM-4", "execution", "hybrid", 12, 0.60, 780000),
    ("PRJ-020", "Solvency UK reporting", "PGM-4", "execution", "waterfall", 20, 0.48, 3150000),
    ("PRJ-021", "Operational resilience mapping", "PGM-4", "execution", "waterfall", 14, 0.72, 690000),
    ("PRJ-022", "Sanctions screening upgrade", "PGM-4", "planning", "waterfall", 11, 0.16, 520000),
    ("PRJ-023", "GDPR retention clean-up", "PGM-4", "closed", "waterfall", 10, 1.40, 310000),
    ("PRJ-024", "IFRS 17 sub-ledger", "PGM-4", "closing", "waterfall", 18, 0.98, 2450000),
    ("PRJ-025", "Customer data platform", "PGM-5", "execution", "agile", 18, 0.57, 1720000),
    ("PRJ-026", "Claims data warehouse", "PGM-5", "execution", "hybrid", 16, 0.50, 1150000),
    ("PRJ-027", "Master data management", "PGM-5", "execution", "waterfall", 15, 0.64, 890000),
    ("PRJ-028", "Pricing analytics sandbox", "PGM-5", "planning", "agile", 9, 0.17, 290000),
    ("PRJ-029", "Reporting tool consolidation", "PGM-5", "closed", "waterfall", 11, 1.30, 450000),
    ("PRJ-030", "Machine learning operations", "PGM-5", "initiation", "agile", 12, 0.06, 640000),
    ("PRJ-031", "Leeds data centre exit", "PGM-6", "execution", "waterfall", 0, 0.0, 2650000),  # MSPDI, fixed dates
    ("PRJ-032", "Laptop refresh 2026", "PGM-6", "execution", "waterfall", 10, 0.68, 840000),
    ("PRJ-033", "Zero-trust network access", "PGM-6", "planning", "hybrid", 13, 0.19, 970000),
    ("PRJ-034", "Office move Manchester", "PGM-6", "execution", "waterfall", 12, 0.55, 1100000),
    ("PRJ-035", "Identity and access management", "PGM-6", "closing", "hybrid", 15, 0.95, 1340000),
    ("PRJ-036", "Print estate reduction", "PGM-6", "initiation", "waterfall", 8, 0.05, 180000),
]

BUSINESS_UNIT = {"PGM-1": "Claims", "PGM-2": "Underwriting", "PGM-3": "Customer Operations",
                 "PGM-4": "Risk and Compliance", "PGM-5": "Data Office", "PGM-6": "Technology"}

# MARK: - People

FIRST = ["Aisha", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Isla", "Jamal", "Kate", "Liam",
         "Maya", "Nikhil", "Olivia", "Pawel", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Xavier",
         "Yasmin", "Zoë", "Aled", "Bronwen", "Ciarán", "Dana", "Eilidh", "Femi", "Gita", "Harriet", "Ibrahim",
         "Jonas", "Kemi", "Lars", "Mei", "Niamh"]
LAST = ["Abbott", "Bhatt", "Carver", "Doyle", "Evans", "Fischer", "Gallagher", "Hussain", "Ito", "Jones",
        "Kowalski", "Lambert", "Mensah", "Nowak", "Osei", "Patel", "Quigley", "Reid", "Sato", "Thornton",
        "Usman", "Vance", "Walsh", "Xu", "Young", "Zielinski", "Núñez", "Brennan", "Chen", "Daly"]

ROLE_PLAN = (
    [("Programme Manager", "PMO", "programme management;stakeholder management;governance")] * 6 +
    [("Project Manager", "PMO", "planning;risk management;budgeting")] * 20 +
    [("PMO Analyst", "PMO", "reporting;Excel;resource planning")] * 4 +
    [("Business Analyst", "Change", "requirements;process mapping;UAT")] * 12 +
    [("Solution Architect", "IT", "architecture;integration;cloud")] * 6 +
    [("Developer", "IT", "Java;Kotlin;REST APIs")] * 16 +
    [("Test Analyst", "IT", "test automation;Selenium;UAT")] * 8 +
    [("Data Engineer", "Data Office", "SQL;Python;dbt")] * 8 +
    [("Scrum Master", "Change", "Scrum;Kanban;coaching")] * 5 +
    [("Change Manager", "Change", "training;communications;adoption")] * 5 +
    [("Infrastructure Engineer", "Technology", "networking;VMware;Azure")] * 6 +
    [("Finance Business Partner", "Finance", "budgeting;forecasting")] * 2 +
    [("Compliance Specialist", "Risk and Compliance", "Consumer Duty;Solvency UK;controls")] * 2
)


def build_people():
    people = []
    used = set()
    for i, (role, dept, skills) in enumerate(ROLE_PLAN, start=1):
        while True:
            name = f"{RNG.choice(FIRST)} {RNG.choice(LAST)}"
            if name not in used:
                used.add(name)
                break
        pid = f"P-{i:03d}"
        cap = RNG.choice(["140", "140", "140", "140", "120", "140", "", "140", "112", "140"])
        people.append({"person_id": pid, "name": name, "role": role, "department": dept,
                       "skills": skills, "capacity_hours": cap})
    return people


PEOPLE = build_people()
PEOPLE_BY_ID = {p["person_id"]: p for p in PEOPLE}
PLANTED_OVERALLOCATED = "P-042"
PEOPLE_BY_ID[PLANTED_OVERALLOCATED]["capacity_hours"] = "140"
MSPDI_RESOURCES = ["P-091", "P-092", "P-093"]   # infrastructure engineers dedicated to PRJ-031
for pid in MSPDI_RESOURCES:
    PEOPLE_BY_ID[pid]["capacity_hours"] = "140"
PROGRAM_MANAGERS = [f"P-{i:03d}" for i in range(1, 7)]
PROJECT_MANAGERS = [f"P-{i:03d}" for i in range(7, 27)]
EXPIRED_CERT_MANAGER = "P-014"


def capacity(pid):
    c = PEOPLE_BY_ID[pid]["capacity_hours"]
    return float(c) if c else 140.0


# MARK: - Projects: dates, financials, RAG

def project_manager_for(index):
    # 36 projects over 20 managers: the first 16 managers run two projects each, the rest one.
    order = PROJECT_MANAGERS[:16] * 2 + PROJECT_MANAGERS[16:]
    return order[index]


def derive_rag(cpi, spi):
    worst = min([x for x in (cpi, spi) if x is not None], default=None)
    if worst is None:
        return "G"
    if worst < 0.8:
        return "R"
    if worst < 0.9:
        return "A"
    return "G"


def rag_max(a, b):
    order = {"G": 0, "A": 1, "R": 2}
    return a if order[a] >= order[b] else b


def build_projects():
    projects, fin = [], []
    for index, (pid, name, pgm, stage, meth, months, frac, bac) in enumerate(PROJECTS):
        if pid == "PRJ-008":
            start, end = d("2026-02-02"), d("2027-05-28")
        elif pid == "PRJ-031":
            start, end = d("2026-01-05"), d("2027-06-30")
        else:
            span = months * 30.4
            start = TODAY - dt.timedelta(days=round(frac * span))
            start = start - dt.timedelta(days=start.weekday())          # projects start on a Monday
            end = start + dt.timedelta(days=round(span))
        manager = project_manager_for(index)
        if pid == "PRJ-020":
            manager = EXPIRED_CERT_MANAGER
        projects.append({"project_id": pid, "name": name, "program_id": pgm,
                         "business_unit": BUSINESS_UNIT[pgm], "stage": stage, "methodology": meth,
                         "start": start, "end": end, "bac": bac, "manager": manager})
    # PRJ-020's natural manager and P-014's natural projects swap so P-014 runs only PRJ-020.
    natural = project_manager_for(19)
    for p in projects:
        if p["manager"] == EXPIRED_CERT_MANAGER and p["project_id"] != "PRJ-020":
            p["manager"] = natural
    return projects


def spread(bac, periods):
    """Planned value per period: a gentle S-curve over the baseline periods."""
    n = len(periods)
    weights = [1 + 0.8 * (1 - abs((i + 0.5) / n * 2 - 1)) for i in range(n)]
    total = sum(weights)
    return {p: bac * w / total for p, w in zip(periods, weights)}


def financial_rows(p):
    pid, bac, stage = p["project_id"], p["bac"], p["stage"]
    if pid == "PRJ-031":
        return []                         # its EV figures are in the MSPDI file only
    if pid == "PRJ-008":                  # the watermelon: hand-set round figures
        rows = []
        for per in months_between("2026-02", PERIOD):
            rows.append([pid, per, "120000", "90000", "125000", ""])
        rows[-1][5] = "2666667"
        return rows
    baseline = months_between(period_of(p["start"]), period_of(p["end"]))
    pv = spread(bac, baseline)
    last = min(PERIOD, period_of(p["end"]))
    if stage == "closed":
        last = period_of(p["end"])
    periods = [x for x in baseline if x <= last]
    cpi = RNG.uniform(0.93, 1.06)
    spi = RNG.uniform(0.92, 1.04)
    if stage in ("closing", "closed"):
        spi = 1.0
    rows, cum_ev, cum_ac = [], 0.0, 0.0
    for per in periods:
        v = pv[per]
        ev = v * spi * RNG.uniform(0.95, 1.05)
        if stage in ("closing", "closed"):
            ev = v
        ac = ev / cpi * RNG.uniform(0.97, 1.03)
        cum_ev += ev
        cum_ac += ac
        rows.append([pid, per, money(v), money(ev), money(ac), ""])
    if rows:
        cum_cpi = cum_ev / cum_ac
        rows[-1][5] = money(round(bac / cum_cpi, -3))
    return rows


def cumulative(rows):
    pv = sum(float(r[2]) for r in rows)
    ev = sum(float(r[3]) for r in rows)
    ac = sum(float(r[4]) for r in rows)
    return pv, ev, ac


PROJ = build_projects()
PROJ_BY_ID = {p["project_id"]: p for p in PROJ}
FIN = {p["project_id"]: financial_rows(p) for p in PROJ}

SUMMARIES = {
    "initiation": ["Business case in draft, options being costed", "Sponsor confirmed; mandate under review"],
    "planning": ["Plan baselined for G2, suppliers shortlisted", "Requirements signed off, resourcing in progress"],
    "execution": ["Build on track, next release due next month", "Sprint velocity stable; UAT environment ready",
                  "Supplier delivery slipping, mitigation agreed", "Integration testing under way, 3 defects open"],
    "closing": ["Handover to BAU in progress, warranty period running", "Final acceptance due; lessons workshop booked"],
    "closed": ["Closed; benefits tracking with business owner"],
}


def project_rows():
    rows = []
    for p in PROJ:
        pid = p["project_id"]
        pv, ev, ac = cumulative(FIN[pid]) if FIN[pid] else (0, 0, 0)
        cpi = ev / ac if ac else None
        spi = ev / pv if pv else None
        if pid == "PRJ-031":
            cpi, spi = 1131000 / 1175000, 1131000 / 1190000
        derived = derive_rag(cpi, spi)
        reported = rag_max(derived, RNG.choice(["G", "G", "G", "A"]))
        if p["stage"] in ("closed",):
            reported = "G"
        rag_cost = derive_rag(cpi, None)
        rag_sched = derive_rag(None, spi)
        if pid == "PRJ-008":
            reported, rag_cost, rag_sched = "G", "G", "G"    # the watermelon
        else:
            rag_cost = rag_max(rag_cost, "G")
        slip = 0
        if spi is not None and spi < 0.98 and p["stage"] != "closed":
            slip = round((1 / spi - 1) * (p["end"] - p["start"]).days / 7) * 7
        forecast_end = p["end"] + dt.timedelta(days=slip)
        if p["stage"] == "closed":
            forecast_end = p["end"] + dt.timedelta(days=RNG.choice([0, 0, 7, 14]))
        pct = 0 if not p["bac"] else round(100 * ev / p["bac"])
        if p["stage"] == "closed":
            pct = 100
        if pid == "PRJ-031":
            pct = round(100 * 1131000 / 2650000)
        updated = TODAY - dt.timedelta(days=RNG.randint(2, 20))
        if pid == "PRJ-034":
            updated = d("2026-10-12")                    # stale: 49 days before 2026-11-30
        if p["stage"] == "closed":
            updated = TODAY - dt.timedelta(days=RNG.randint(5, 30))
        pgm = next(g for g in PROGRAMS if g[0] == p["program_id"])
        summary = RNG.choice(SUMMARIES[p["stage"]])
        if pid == "PRJ-008":
            summary = "On track, all workstreams green"
        p.update({"rag": reported, "cpi": cpi, "spi": spi, "forecast_end": forecast_end})
        rows.append({
            "project_id": pid, "name": p["name"], "program_id": p["program_id"],
            "business_unit": p["business_unit"], "sponsor": pgm[2], "manager": p["manager"],
            "stage": p["stage"], "methodology": p["methodology"], "start_date": iso(p["start"]),
            "baseline_end_date": iso(p["end"]), "forecast_end_date": iso(forecast_end),
            "budget": money(p["bac"]), "currency": "GBP", "rag_overall": reported,
            "rag_schedule": rag_sched, "rag_cost": rag_cost, "rag_scope": RNG.choice(["G", "G", "G", "A"]),
            "percent_complete": str(pct), "strategic_score": str(RNG.randint(35, 95)),
            "priority": str(RNG.randint(1, 5)), "status_summary": summary, "last_updated": iso(updated),
        })
    return rows


PROJECT_ROWS = project_rows()


def frac_date(p, f):
    return p["start"] + dt.timedelta(days=round(f * (p["end"] - p["start"]).days))


# MARK: - Milestones and gates

MILESTONE_NAMES = ["Requirements signed off", "Design approved", "Build complete", "System test exit",
                   "Pilot live", "Go-live", "Hypercare exit"]


def milestone_rows(p):
    pid = p["project_id"]
    if pid == "PRJ-031":
        return []
    count = 4 + (int(pid[-2:]) % 3)
    fracs = [0.12 + i * (0.88 / (count - 1)) for i in range(count)]
    names = MILESTONE_NAMES[:count - 1] + ["Go-live"] if count < 7 else MILESTONE_NAMES
    rows = []
    spi = p["spi"] or 1.0
    for i, (f, nm) in enumerate(zip(fracs, names), start=1):
        base = frac_date(p, f)
        mid = f"M-{i}"
        slip = RNG.choice([-3, 0, 0, 2, 5, 9]) + (round((1 / spi - 1) * 120) if spi < 1 else 0)
        fc = base + dt.timedelta(days=slip)
        if p["stage"] == "closed" or (base <= TODAY and fc <= TODAY - dt.timedelta(days=1)):
            actual = min(fc, TODAY - dt.timedelta(days=1))
            rows.append([pid, mid, nm, iso(base), "", iso(actual), "complete"])
        elif base <= TODAY:
            fc = max(fc, TODAY + dt.timedelta(days=RNG.choice([7, 14, 21])))
            rows.append([pid, mid, nm, iso(base), iso(fc), "", "in_progress"])
        else:
            status = "in_progress" if base - TODAY < dt.timedelta(days=45) else "not_started"
            rows.append([pid, mid, nm, iso(base), iso(max(fc, TODAY + dt.timedelta(days=1))), "", status])
    if pid == "PRJ-025":    # planted: missed, no forecast
        rows[2] = [pid, "M-3", "Golden record build complete", "2026-09-30", "", "", "missed"]
        for r in rows[3:]:
            assert d(r[3]) > TODAY, r
    return rows


GATE_FRACS = [-0.06, 0.08, 0.26, 0.60, 0.92, None]
REACHED = {"initiation": 0, "planning": 1, "execution": 2, "closing": 4, "closed": 5}


def gate_rows(p):
    pid, rows = p["project_id"], []
    for g, f in enumerate(GATE_FRACS):
        planned = frac_date(p, f) if f is not None else p["end"] + dt.timedelta(days=35)
        reached = g <= REACHED[p["stage"]] or (p["stage"] == "execution" and g == 3 and planned <= TODAY)
        # Steering meets on Wednesdays: held gates on the one before, future gates on the one after.
        if reached:
            planned = planned - dt.timedelta(days=(planned.weekday() - 2) % 7)
        else:
            planned = planned + dt.timedelta(days=(2 - planned.weekday()) % 7)
        if reached:
            assert planned <= TODAY, (pid, g, planned)
            review = min(planned + dt.timedelta(days=RNG.choice([0, 0, 2, 7])), TODAY)
            decision = RNG.choice(["approved", "approved", "approved", "conditional"])
            rows.append([pid, f"G{g}", iso(planned), iso(review), decision,
                         "Investment Committee" if g <= 2 else "Programme Board"])
        else:
            assert planned > TODAY, (pid, g, planned, p["stage"])
            rows.append([pid, f"G{g}", iso(planned), "", "", ""])
    if pid == "PRJ-021":     # planted: G3 planned 2026-10-14, never reviewed
        rows[3] = [pid, "G3", "2026-10-14", "", "", ""]
    if pid == "PRJ-004":     # planted: G1 reviewed 28 days after its planned date
        planned = d(rows[1][2])
        rows[1] = [pid, "G1", iso(planned), iso(planned + dt.timedelta(days=28)), "approved", "Investment Committee"]
    if pid in ("PRJ-008", "PRJ-031"):
        pass
    return rows


# MARK: - Risks and issues

RISK_TITLES = {
    "strategic": ["Business priorities shift after reorganisation", "Sponsor change delays decisions"],
    "financial": ["Supplier day rates rise above budget", "Currency movement on licence costs"],
    "schedule": ["Critical path depends on late vendor drop", "Test window compressed by release freeze"],
    "technical": ["Legacy interface undocumented", "Performance under peak load unproven"],
    "resource": ["Key architect shared with three projects", "Data engineers unavailable in Q1",
                 "Contractor attrition in build team", "SME availability during UAT"],
    "compliance": ["Regulator guidance may change scope", "Data protection impact assessment outstanding"],
    "operational": ["BAU teams not ready to support", "Cut-over weekend clashes with month end"],
    "external": ["Supplier financial health", "Cloud region capacity constraints"],
}
CATEGORY_WEIGHTS = [("strategic", 2), ("financial", 2), ("schedule", 3), ("technical", 3), ("resource", 5),
                    ("compliance", 2), ("operational", 2), ("external", 1)]


def pick_category():
    total = sum(w for _, w in CATEGORY_WEIGHTS)
    x = RNG.uniform(0, total)
    for c, w in CATEGORY_WEIGHTS:
        x -= w
        if x <= 0:
            return c
    return "external"


def team_of(p):
    return [p["manager"]] + [a for a in p.get("team", []) if a != p["manager"]]


def risk_rows(p):
    pid, rows = p["project_id"], []
    n = 3 + int(pid[-2:]) % 4
    for i in range(1, n + 1):
        cat = pick_category() if i > 1 or pid not in ("PRJ-001",) else "external"
        prob, imp = RNG.randint(1, 4), RNG.randint(1, 4)
        if cat == "resource":
            prob, imp = RNG.randint(3, 4), RNG.randint(3, 4)
        status = "closed" if (p["stage"] == "closed" or RNG.random() < 0.2) else "open"
        score = prob * imp
        escalated = "Y" if score >= 15 else RNG.choice(["N", "N", ""])
        raised = p["start"] + dt.timedelta(days=RNG.randint(5, 60))
        raised = min(raised, TODAY - dt.timedelta(days=3))
        review = TODAY - dt.timedelta(days=RNG.randint(1, 25)) if status == "open" else None
        rows.append([pid, f"R-{i}", RNG.choice(RISK_TITLES[cat]), cat, str(prob), str(imp), p["manager"],
                     "mitigate" if score >= 9 else RNG.choice(["accept", "mitigate", "transfer", "avoid"]),
                     "Weekly review with supplier; fallback option costed" if score >= 9 else "",
                     status, iso(raised), iso(review), escalated])
    if pid == "PRJ-011":     # planted: score 20, not escalated
        rows[2] = [pid, "R-3", "Pricing model sign-off blocked by actuarial review", "compliance", "4", "5",
                   "P-027", "mitigate", "Actuarial peer review booked; interim model ready", "open",
                   "2026-09-14", "2026-11-20", "N"]
    if pid == "PRJ-022":     # planted: score 12, open, no owner
        rows[1] = [pid, "R-2", "Screening vendor contract not yet signed", "external", "3", "4", "",
                   "mitigate", "", "open", "2026-10-05", "2026-11-16", "N"]
    return rows


ISSUE_TITLES = ["Test environment unavailable", "Supplier invoice dispute", "Key SME on long-term leave",
                "Requirements conflict between teams", "Data quality defects in source extract",
                "Licence procurement delayed", "Change freeze over peak period"]


def issue_rows(p):
    pid, rows = p["project_id"], []
    if p["stage"] == "initiation":
        return rows
    for i in range(1, 2 + int(pid[-2:]) % 4):
        raised = max(p["start"], TODAY - dt.timedelta(days=RNG.randint(10, 150)))
        status = "closed" if p["stage"] == "closed" or RNG.random() < 0.35 else "open"
        pri = RNG.choice(["low", "medium", "medium", "high", "critical"])
        rows.append([pid, f"I-{i}", RNG.choice(ISSUE_TITLES), pri, p["manager"], iso(raised),
                     iso(raised + dt.timedelta(days=RNG.choice([14, 21, 30, 45]))), status,
                     "Y" if pri == "critical" and status == "open" else "N"])
    return rows


# MARK: - Assignments (with load tracking so only P-042 is over-allocated)

ASSIGN_PERIODS = months_between("2026-06", "2027-02")
LOAD = {}
POOL = [p["person_id"] for p in PEOPLE[26:] if p["person_id"] not in MSPDI_RESOURCES + [PLANTED_OVERALLOCATED]
        and p["role"] not in ("PMO Analyst", "Finance Business Partner")]


def active_periods(p):
    if p["stage"] == "closed":
        return []
    first = max(period_of(p["start"]), ASSIGN_PERIODS[0])
    last = period_of(p["forecast_end"])
    return [x for x in ASSIGN_PERIODS if first <= x <= last]


def fits(pid, periods, hours):
    return all(LOAD.get((pid, per), 0) + hours <= capacity(pid) for per in periods)


def assignment_rows(p):
    pid, rows = p["project_id"], []
    periods = active_periods(p)
    if not periods or pid == "PRJ-031":
        return rows
    size = {"initiation": 2, "planning": 3, "execution": 5, "closing": 3}[p["stage"]]
    members = [(p["manager"], 40 if p["stage"] != "execution" else 60)]
    tries = 0
    while len(members) < size + 1 and tries < 500:
        tries += 1
        cand = RNG.choice(POOL)
        hours = RNG.choice([24, 32, 40, 60, 80])
        if any(m == cand for m, _ in members):
            continue
        if fits(cand, periods, hours):
            members.append((cand, hours))
    planted = {"PRJ-003": 80, "PRJ-010": 60, "PRJ-026": 40}
    for person, hours in members:
        if not fits(person, periods, hours):
            hours = 20
        assert fits(person, periods, hours), (pid, person)
        for per in periods:
            LOAD[(person, per)] = LOAD.get((person, per), 0) + hours
            actual = "" if per > PERIOD else money(hours * RNG.choice([0.85, 0.9, 0.95, 1.0, 1.0]))
            rows.append([pid, person, per, money(hours), actual])
    p["team"] = [m for m, _ in members]
    if pid in planted:
        # P-042: 80 + 60 + 40 = 180 planned hours in 2026-11 against 140; under 140 in every other period.
        plan = {"PRJ-003": {"2026-08": 80, "2026-09": 80, "2026-10": 80, "2026-11": 80, "2026-12": 80,
                            "2027-01": 80, "2027-02": 80},
                "PRJ-010": {"2026-08": 50, "2026-09": 50, "2026-10": 50, "2026-11": 60, "2026-12": 40,
                            "2027-01": 40, "2027-02": 40},
                "PRJ-026": {"2026-11": 40}}[pid]
        actuals = {"PRJ-003": 76, "PRJ-010": 58, "PRJ-026": 38}
        for per, h in plan.items():
            assert per in periods, (pid, per)
            act = "" if per > PERIOD else money(actuals[pid] if per == PERIOD else h * 0.95)
            rows.append([pid, PLANTED_OVERALLOCATED, per, money(h), act])
        p["team"].append(PLANTED_OVERALLOCATED)
    return rows


# MARK: - Benefits, dependencies, change, lessons

def benefit_rows(p):
    pid, b, m = p["project_id"], [], []
    if p["stage"] in ("initiation",):
        return b, m
    n = 1 + int(pid[-2:]) % 2
    specs = [("financial", "Annual run-cost saving", "GBP per year", 0, round(p["bac"] * 0.6, -4)),
             ("efficiency", "Average handling time", "minutes", 42, 30),
             ("customer", "Customer satisfaction score", "CSAT %", 71, 80)]
    for i in range(1, n + 1):
        cat, desc, unit, base, target = specs[(int(pid[-2:]) + i) % 3]
        if pid == "PRJ-005" and i == 1:
            cat, desc, unit, base, target = "financial", "Scanning bureau cost avoided", "GBP per year", 0, 1200000
        tdate = p["end"] + dt.timedelta(days=180)
        if pid == "PRJ-005" and i == 1:
            tdate = d("2026-09-30")
        bid = f"B-{i}"
        b.append([pid, bid, desc, cat, unit, money(base), money(target), iso(tdate), p["manager"]])
        if p["stage"] in ("closing", "closed") or (p["stage"] == "execution" and i == 1):
            start = p["end"] - dt.timedelta(days=60) if p["stage"] != "execution" else TODAY - dt.timedelta(days=120)
            steps = 4
            reached = 1.0 if tdate <= TODAY else RNG.uniform(0.3, 0.8)
            for k in range(1, steps + 1):
                on = start + dt.timedelta(days=30 * k)
                if on > TODAY:
                    break
                val = base + (target - base) * reached * k / steps
                m.append([bid, pid, iso(on), money(round(val, 1))])
        if pid == "PRJ-005" and i == 1:
            m = [x for x in m if x[0] != "B-1"]
            m += [["B-1", pid, "2026-07-31", "210000"], ["B-1", pid, "2026-08-31", "320000"],
                  ["B-1", pid, "2026-09-30", "410000"], ["B-1", pid, "2026-10-31", "480000"]]
    # Closed projects whose target date has passed must have hit it (only PRJ-005 B-1 falls short).
    return b, m


DEPENDENCIES = [
    ("PRJ-001", "PRJ-025", "Customer golden record feed for triage rules", "2027-02-15", "at_risk"),
    ("PRJ-003", "PRJ-026", "Claims history extract for model training", "2026-12-18", "on_track"),
    ("PRJ-009", "PRJ-027", "Product and party master data for rating", "2026-10-30", "late"),
    ("PRJ-010", "PRJ-009", "Rating API v2 for brokers", "2027-01-29", "on_track"),
    ("PRJ-013", "PRJ-035", "Single sign-on for the customer app", "2026-09-15", "delivered"),
    ("PRJ-014", "PRJ-031", "Telephony servers moved to the new hosting", "2027-03-31", "on_track"),
    ("PRJ-019", "PRJ-025", "Customer outcome data in the data platform", "2027-01-15", "on_track"),
    ("PRJ-020", "PRJ-024", "IFRS 17 sub-ledger balances for solvency returns", "2026-11-20", "delivered"),
    ("PRJ-026", "PRJ-031", "Warehouse servers migrated to cloud", "2027-04-30", "on_track"),
    ("PRJ-032", "PRJ-035", "Device identities enrolled in IAM", "2026-08-28", "delivered"),
    ("PRJ-034", "PRJ-032", "New laptops issued before the move", "2027-02-26", "at_risk"),
    ("PRJ-002", "PRJ-013", "Shared design system components", "2027-01-08", "on_track"),
]

GROUPS = ["Claims handlers", "Branch underwriters", "Contact centre agents", "Finance operations",
          "Brokers", "IT service desk", "Actuarial team", "Compliance officers"]


def change_rows(p):
    pid, rows = p["project_id"], []
    if p["stage"] not in ("execution", "closing"):
        return rows
    for i in range(1 + int(pid[-2:]) % 2):
        grp = GROUPS[(int(pid[-2:]) + 3 * i) % len(GROUPS)]
        lvl = RNG.choice(["low", "medium", "high"])
        training = RNG.choice([55, 70, 85, 95, 100]) if lvl == "high" else RNG.choice([0, 30, 60, 90])
        target = 90 if lvl == "high" else 80
        actual = RNG.choice([45, 60, 72, 84])
        rows.append([pid, grp, lvl, str(training), str(target), str(actual),
                     iso(TODAY - dt.timedelta(days=RNG.randint(3, 20)))])
    if pid == "PRJ-010":    # planted: high impact, no training yet
        rows.append([pid, "Branch underwriters", "high", "0", "90", "15", "2026-11-18"])
    return rows


LESSONS = [
    ("Planning", "Vendor lead times were underestimated by six weeks",
     "Add supplier lead times to the plan template and confirm at G2"),
    ("Governance", "Steering decisions were not minuted consistently",
     "Use the PMO decision log from G1 onward"),
    ("Testing", "UAT started before test data was masked",
     "Make masked data a G3 entry criterion"),
    ("People", "Business SMEs were double-booked during UAT",
     "Book SMEs through resource management, not informally"),
]


def lesson_rows(p):
    pid = p["project_id"]
    if p["stage"] not in ("closing", "closed") or pid == "PRJ-029":
        return []
    rows = []
    for i in range(1, 3):
        cat, desc, rec = LESSONS[(int(pid[-2:]) + i) % len(LESSONS)]
        on = min(p["end"] + dt.timedelta(days=20), TODAY - dt.timedelta(days=4))
        rows.append([pid, f"L-{i}", iso(on), cat, desc, rec])
    return rows


# MARK: - Certifications

def cert_rows():
    rows = []
    for i, pid in enumerate(PROGRAM_MANAGERS + PROJECT_MANAGERS):
        cert = "PMP" if i % 3 != 1 else "PRINCE2 Practitioner"
        obtained = d("2021-03-15") + dt.timedelta(days=97 * i)
        expiry = obtained.replace(year=obtained.year + (3 if cert == "PMP" else 5))
        if expiry <= TODAY + dt.timedelta(days=30):
            expiry = expiry.replace(year=expiry.year + 3)      # renewed
        if pid == EXPIRED_CERT_MANAGER:
            cert, obtained, expiry = "PMP", d("2023-08-31"), d("2026-08-31")
        if pid == "P-009":
            expiry = d("2027-01-31")      # within 90 days
        if pid == "P-022":
            expiry = d("2027-02-14")      # within 90 days
        rows.append([pid, cert, iso(obtained), iso(expiry)])
        if i % 4 == 0:
            rows.append([pid, "PMI-ACP", iso(obtained + dt.timedelta(days=200)),
                         iso(obtained.replace(year=obtained.year + 6))])
    for pid, cert, ob, ex in [("P-084", "CSM", "2023-12-31", "2025-12-31"),   # expired, not a manager
                              ("P-085", "CSM", "2024-12-15", "2026-12-15"),   # within 90 days
                              ("P-086", "CSM", "2025-05-01", "2027-05-01"),
                              ("P-087", "CSM", "2025-02-10", "2027-02-10"),   # within 90 days
                              ("P-088", "PMI-ACP", "2024-06-01", "2027-06-01"),
                              ("P-027", "PRINCE2 Practitioner", "2022-01-20", "2026-10-31")]:  # expired
        rows.append([pid, cert, ob, ex])
    return rows



# MARK: - MSPDI export for PRJ-031 (infrastructure team)

MSPDI_TASKS = [
    # uid, name, start, finish, baseline finish, actual finish, milestone, percent, duration days
    (1, "Discovery and migration design", "2026-01-05", "2026-03-27", "2026-03-27", "2026-03-27", 0, 100),
    (2, "Migration design approved", "2026-04-08", "2026-04-08", "2026-03-31", "2026-04-08", 1, 100),
    (3, "Wave 1 migration (non-production)", "2026-04-13", "2026-07-29", "2026-07-31", "2026-07-29", 0, 100),
    (4, "Wave 1 complete", "2026-07-29", "2026-07-29", "2026-07-31", "2026-07-29", 1, 100),
    (5, "Wave 2 migration (production)", "2026-08-03", "2026-12-18", "2026-11-27", None, 0, 85),
    (6, "Wave 2 cut-over weekend rehearsals", "2026-11-02", "2026-11-27", "2026-11-27", "2026-11-27", 0, 100),
    (7, "Wave 2 complete", "2026-12-18", "2026-12-18", "2026-11-27", None, 1, 0),
    (8, "Wave 3 migration and decommissioning", "2027-01-04", "2027-07-23", "2027-06-23", None, 0, 0),
    (9, "Data centre decommissioned", "2027-07-30", "2027-07-30", "2027-06-30", None, 1, 0),
]
MSPDI_RESOURCE_WORK = [("P-091", 120, 120), ("P-092", 120, 116), ("P-093", 96, 96)]   # hours on task 6


def mspdi_xml():
    def ts(day, end=False):
        return f"{day}T{'17' if end else '08'}:00:00"

    def dur(days):
        return f"PT{days * 8}H0M0S"

    def workdays(a, b):
        a, b = d(a), d(b)
        return sum(1 for k in range((b - a).days + 1) if (a + dt.timedelta(days=k)).weekday() < 5)

    o = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
         '<Project xmlns="http://schemas.microsoft.com/project">',
         '\t<SaveVersion>14</SaveVersion>', '\t<BuildNumber>16.0.17928.20114</BuildNumber>',
         '\t<Name>PRJ-031.xml</Name>', '\t<Title>Leeds data centre exit</Title>',
         '\t<Company>Northwind Mutual</Company>', '\t<Manager>' + escape(PEOPLE_BY_ID["P-021"]["name"]) + '</Manager>',
         '\t<ScheduleFromStart>1</ScheduleFromStart>',
         '\t<StartDate>2026-01-05T08:00:00</StartDate>', '\t<FinishDate>2027-07-30T17:00:00</FinishDate>',
         '\t<CurrencyDigits>2</CurrencyDigits>', '\t<CurrencySymbol>£</CurrencySymbol>',
         '\t<CurrencyCode>GBP</CurrencyCode>', '\t<CalendarUID>1</CalendarUID>',
         '\t<MinutesPerDay>480</MinutesPerDay>', '\t<MinutesPerWeek>2400</MinutesPerWeek>',
         '\t<DaysPerMonth>20</DaysPerMonth>', '\t<StatusDate>2026-11-30T17:00:00</StatusDate>',
         '\t<CurrentDate>2026-11-30T08:00:00</CurrentDate>',
         '\t<Calendars>', '\t\t<Calendar>', '\t\t\t<UID>1</UID>', '\t\t\t<Name>Standard</Name>',
         '\t\t\t<IsBaseCalendar>1</IsBaseCalendar>', '\t\t\t<BaseCalendarUID>-1</BaseCalendarUID>',
         '\t\t</Calendar>', '\t</Calendars>', '\t<Tasks>']
    total_days = workdays("2026-01-05", "2027-07-30")
    o += ['\t\t<Task>', '\t\t\t<UID>0</UID>', '\t\t\t<ID>0</ID>', '\t\t\t<Name>Leeds data centre exit</Name>',
          '\t\t\t<Type>1</Type>', '\t\t\t<IsNull>0</IsNull>', '\t\t\t<WBS>0</WBS>',
          '\t\t\t<OutlineNumber>0</OutlineNumber>', '\t\t\t<OutlineLevel>0</OutlineLevel>',
          '\t\t\t<Start>2026-01-05T08:00:00</Start>', '\t\t\t<Finish>2027-07-30T17:00:00</Finish>',
          f'\t\t\t<Duration>{dur(total_days)}</Duration>', '\t\t\t<Milestone>0</Milestone>',
          '\t\t\t<Summary>1</Summary>', '\t\t\t<PercentComplete>43</PercentComplete>',
          '\t\t\t<Cost>275200000</Cost>', '\t\t\t<ActualCost>117500000</ActualCost>',
          '\t\t\t<ActualStart>2026-01-05T08:00:00</ActualStart>',
          '\t\t\t<ACWP>117500000.00</ACWP>', '\t\t\t<CV>-4400000.00</CV>',
          '\t\t\t<BCWS>119000000.00</BCWS>', '\t\t\t<BCWP>113100000.00</BCWP>',
          '\t\t\t<Baseline>', '\t\t\t\t<Number>0</Number>', '\t\t\t\t<Start>2026-01-05T08:00:00</Start>',
          '\t\t\t\t<Finish>2027-06-30T17:00:00</Finish>', '\t\t\t\t<Cost>265000000</Cost>',
          '\t\t\t</Baseline>', '\t\t</Task>']
    for uid, name, start, finish, bfinish, afinish, ms, pct in MSPDI_TASKS:
        days = 0 if ms else workdays(start, finish)
        o += ['\t\t<Task>', f'\t\t\t<UID>{uid}</UID>', f'\t\t\t<ID>{uid}</ID>', f'\t\t\t<Name>{escape(name)}</Name>',
              '\t\t\t<Type>0</Type>', '\t\t\t<IsNull>0</IsNull>', f'\t\t\t<WBS>{uid}</WBS>',
              f'\t\t\t<OutlineNumber>{uid}</OutlineNumber>', '\t\t\t<OutlineLevel>1</OutlineLevel>',
              f'\t\t\t<Start>{ts(start, end=bool(ms))}</Start>', f'\t\t\t<Finish>{ts(finish, end=True)}</Finish>',
              f'\t\t\t<Duration>{dur(days)}</Duration>', f'\t\t\t<Milestone>{ms}</Milestone>',
              '\t\t\t<Summary>0</Summary>', f'\t\t\t<PercentComplete>{pct}</PercentComplete>']
        if pct > 0:
            o.append(f'\t\t\t<ActualStart>{ts(start, end=bool(ms))}</ActualStart>')
        if afinish:
            o.append(f'\t\t\t<ActualFinish>{ts(afinish, end=True)}</ActualFinish>')
        if uid > 1:
            o += ['\t\t\t<PredecessorLink>', f'\t\t\t\t<PredecessorUID>{uid - 1}</PredecessorUID>',
                  '\t\t\t\t<Type>1</Type>', '\t\t\t</PredecessorLink>']
        o += ['\t\t\t<Baseline>', '\t\t\t\t<Number>0</Number>', f'\t\t\t\t<Finish>{ts(bfinish, end=True)}</Finish>',
              '\t\t\t</Baseline>', '\t\t</Task>']
    o += ['\t</Tasks>', '\t<Resources>', '\t\t<Resource>', '\t\t\t<UID>0</UID>', '\t\t\t<ID>0</ID>',
          '\t\t\t<Type>1</Type>', '\t\t\t<IsNull>0</IsNull>', '\t\t</Resource>']
    for i, (pid, work, actual) in enumerate(MSPDI_RESOURCE_WORK, start=1):
        person = PEOPLE_BY_ID[pid]
        initials = "".join(w[0] for w in person["name"].split())
        o += ['\t\t<Resource>', f'\t\t\t<UID>{i}</UID>', f'\t\t\t<ID>{i}</ID>',
              f'\t\t\t<Name>{escape(person["name"])}</Name>', '\t\t\t<Type>1</Type>', '\t\t\t<IsNull>0</IsNull>',
              f'\t\t\t<Initials>{escape(initials)}</Initials>', f'\t\t\t<Code>{pid}</Code>',
              f'\t\t\t<Group>{escape(person["department"])}</Group>', '\t\t\t<MaxUnits>1.00</MaxUnits>',
              f'\t\t\t<Work>PT{work}H0M0S</Work>', f'\t\t\t<ActualWork>PT{actual}H0M0S</ActualWork>',
              '\t\t\t<StandardRate>65</StandardRate>', '\t\t\t<CalendarUID>1</CalendarUID>', '\t\t</Resource>']
    o += ['\t</Resources>', '\t<Assignments>']
    for i, (pid, work, actual) in enumerate(MSPDI_RESOURCE_WORK, start=1):
        o += ['\t\t<Assignment>', f'\t\t\t<UID>{i}</UID>', '\t\t\t<TaskUID>6</TaskUID>',
              f'\t\t\t<ResourceUID>{i}</ResourceUID>', '\t\t\t<PercentWorkComplete>100</PercentWorkComplete>',
              f'\t\t\t<ActualWork>PT{actual}H0M0S</ActualWork>',
              '\t\t\t<Start>2026-11-02T08:00:00</Start>', '\t\t\t<Finish>2026-11-27T17:00:00</Finish>',
              f'\t\t\t<Units>{work / 160:.2f}</Units>', f'\t\t\t<Work>PT{work}H0M0S</Work>',
              '\t\t</Assignment>']
    o += ['\t</Assignments>', '</Project>']
    return "\n".join(o) + "\n"


# MARK: - Writers

def write_csv(path, entity, rows, excel=False):
    """excel=True writes what Excel on Windows saves as "CSV UTF-8": a byte-order mark and CRLF."""
    if not rows:
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.StringIO()
    if excel:
        buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n" if excel else "\n")
    w.writerow(COLS[entity])
    for r in rows:
        if isinstance(r, dict):
            r = [r[c] for c in COLS[entity]]
        assert len(r) == len(COLS[entity]), (entity, r)
        w.writerow(r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_submission_xml(path, team, projects, tables):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<submission xmlns="urn:govpack:submission:1" period="{PERIOD}" team={quoteattr(team)}>']
    nested = [("financials", "financials"), ("milestones", "milestone"), ("stage_gates", "stage_gate"),
              ("risks", "risk"), ("issues", "issue"), ("assignments", "assignment"), ("benefits", "benefit"),
              ("benefit_measurements", "benefit_measurement"), ("change_impacts", "change_impact"),
              ("lessons", "lesson")]

    def attrs(entity, row, skip):
        parts = []
        for c, v in zip(COLS[entity], row):
            if c in skip or v == "":
                continue
            parts.append(f"{c}={quoteattr(v)}")
        return " ".join(parts)

    for prow in projects:
        pid = prow["project_id"]
        out.append(f'  <project {attrs("projects", [prow[c] for c in COLS["projects"]], ())}>')
        for entity, element in nested:
            for r in tables[entity]:
                rd = dict(zip(COLS[entity], r))
                if rd["project_id"] != pid:
                    continue
                out.append(f'    <{element} {attrs(entity, r, ("project_id",))}/>')
        for r in tables["dependencies"]:
            if r[0] == pid:     # nested: from_project_id is the enclosing project
                out.append(f'    <dependency {attrs("dependencies", r, ("from_project_id",))}/>')
        out.append("  </project>")
    out.append("</submission>")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    ref = os.path.join(ROOT, "reference")
    write_csv(os.path.join(ref, "programs.csv"), "programs", [list(g[:5]) for g in PROGRAMS])
    write_csv(os.path.join(ref, "people.csv"), "people", PEOPLE)
    write_csv(os.path.join(ref, "certifications.csv"), "certifications", cert_rows())

    tables = {k: [] for k in COLS}
    for p in PROJ:
        tables["financials"] += FIN[p["project_id"]]
        tables["milestones"] += milestone_rows(p)
        tables["stage_gates"] += gate_rows(p)
        tables["assignments"] += assignment_rows(p)
    for p in PROJ:
        tables["risks"] += risk_rows(p)
        tables["issues"] += issue_rows(p)
        b, m = benefit_rows(p)
        tables["benefits"] += b
        tables["benefit_measurements"] += m
        tables["change_impacts"] += change_rows(p)
        tables["lessons"] += lesson_rows(p)
    tables["dependencies"] = [list(x) for x in DEPENDENCIES]

    for pgm in PROGRAMS:
        team = pgm[5]
        folder = os.path.join(ROOT, "submissions", PERIOD, team)
        pids = {p["project_id"] for p in PROJ if p["program_id"] == pgm[0]}
        prows = [r for r in PROJECT_ROWS if r["project_id"] in pids]
        if team == "customer":
            write_submission_xml(os.path.join(folder, "submission.xml"), "Customer Experience", prows, tables)
            continue
        excel = team == "regulatory"
        write_csv(os.path.join(folder, "projects.csv"), "projects", prows, excel)
        if team == "infrastructure":
            with open(os.path.join(folder, "PRJ-031.xml"), "w", encoding="utf-8") as f:
                f.write(mspdi_xml())
        for entity in COLS:
            if entity in ("programs", "people", "certifications", "projects"):
                continue
            key = "from_project_id" if entity == "dependencies" else "project_id"
            idx = COLS[entity].index(key)
            rows = [r for r in tables[entity] if r[idx] in pids]
            if entity == "dependencies":
                rows = [r for r in tables[entity] if r[0] in pids]
            write_csv(os.path.join(folder, f"{entity}.csv"), entity, rows, excel)
    report(tables)


def report(tables):
    print("== figures for README ==")
    for pid in ("PRJ-008",):
        pv, ev, ac = cumulative(FIN[pid])
        print(pid, "PV", pv, "EV", ev, "AC", ac, "CPI", round(ev / ac, 4), "SPI", round(ev / pv, 4))
    exposure = {}
    for r in tables["risks"]:
        if r[9] == "open":
            exposure[r[3]] = exposure.get(r[3], 0) + int(r[4]) * int(r[5])
    print("open exposure by category", sorted(exposure.items(), key=lambda x: -x[1]))
    nover = {}
    for r in tables["assignments"]:
        if r[2] == PERIOD:
            nover.setdefault(r[1], []).append((r[0], float(r[3])))
    for pid, xs in sorted(nover.items()):
        tot = sum(h for _, h in xs)
        if tot > capacity(pid):
            print("over-allocated", pid, xs, tot, capacity(pid))
    for p in PROJ:
        print(p["project_id"], p["stage"], p["rag"], "bac", p["bac"], "cpi",
              None if p["cpi"] is None else round(p["cpi"], 3), "spi",
              None if p["spi"] is None else round(p["spi"], 3), "mgr", p["manager"],
              iso(p["start"]), iso(p["end"]))


if __name__ == "__main__":
    main()
