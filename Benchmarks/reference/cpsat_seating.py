#!/usr/bin/env python3
"""The reference for the seating benchmark: Google OR-Tools CP-SAT on the same objective.

Reads a `praktika seat` instance (JSON) and prints the best seating CP-SAT finds within the time
limit, as `{"seating": {...}, "penalty": {...}, "seconds": S, "status": ..., "bound": B}`.
The penalty is recomputed from the seating by the same rules as the Swift solver, so that the two
are compared on exactly the issue's objective. Used only here, never by the application.

Usage: cpsat_seating.py INSTANCE.json [--seconds 300] [--workers 2]
"""
import argparse
import json
import time

from ortools.sat.python import cp_model


def fair_band(total, cap_t, cap_sum):
    numerator = total * cap_t
    lo = numerator // cap_sum
    hi = -((-numerator) // cap_sum)
    return lo, hi


def solve(instance, seconds, workers):
    tables = instance["tables"]
    people = instance["participants"]
    weights = {"district": 10, "role": 3, "organization": 5, "preference": 1}
    weights.update(instance.get("weights") or {})
    n, k = len(people), len(tables)
    table_index = {json.dumps(t["id"]): i for i, t in enumerate(tables)}
    capacity_mode = any("capacity" in t and t["capacity"] is not None for t in tables)
    if capacity_mode:
        cap = [t.get("capacity") if t.get("capacity") is not None else -(-n // k) for t in tables]
        lo_size, hi_size = [0] * k, cap
    else:
        cap = [1] * k
        lo_size, hi_size = [n // k] * k, [-(-n // k)] * k
    cap_sum = max(1, sum(cap))

    model = cp_model.CpModel()
    x = [[model.NewBoolVar(f"x{p}_{t}") for t in range(k)] for p in range(n)]
    for p, person in enumerate(people):
        model.AddExactlyOne(x[p])
        if person.get("table") is not None:
            model.Add(x[p][table_index[json.dumps(person["table"])]] == 1)
    for t in range(k):
        model.Add(sum(x[p][t] for p in range(n)) >= lo_size[t])
        model.Add(sum(x[p][t] for p in range(n)) <= hi_size[t])

    def band_terms(key, name):
        groups = {}
        for p, person in enumerate(people):
            groups.setdefault(person[key], []).append(p)
        terms = []
        for value, members in groups.items():
            for t in range(k):
                lo, hi = fair_band(len(members), cap[t], cap_sum)
                count = sum(x[p][t] for p in members)
                under = model.NewIntVar(0, n, f"{name}u_{value}_{t}")
                over = model.NewIntVar(0, n, f"{name}o_{value}_{t}")
                model.Add(under >= lo - count)
                model.Add(over >= count - hi)
                terms += [under, over]
        return terms

    district = band_terms("district", "d")
    role = band_terms("role", "r")
    organization = []
    orgs = {}
    for p, person in enumerate(people):
        orgs.setdefault(person["organization"], []).append(p)
    for value, members in orgs.items():
        if len(members) < 2:
            continue
        for t in range(k):
            excess = model.NewIntVar(0, n, f"org_{value}_{t}")
            model.Add(excess >= sum(x[p][t] for p in members) - 1)
            organization.append(excess)
    preference = []
    for p, person in enumerate(people):
        wants = set(person.get("wants") or [])
        if wants:
            preference += [x[p][t] for t in range(k) if tables[t]["targetGroup"] not in wants]

    model.Minimize(
        weights["district"] * sum(district) + weights["role"] * sum(role)
        + weights["organization"] * sum(organization) + weights["preference"] * sum(preference))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    started = time.monotonic()
    status = solver.Solve(model)
    elapsed = time.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"status": solver.StatusName(status), "seconds": elapsed}
    seating = {}
    for p, person in enumerate(people):
        t = next(t for t in range(k) if solver.Value(x[p][t]))
        seating[str(person["id"])] = tables[t]["id"]
    return {
        "status": solver.StatusName(status), "seconds": round(elapsed, 2), "bound": solver.BestObjectiveBound(),
        "seating": seating, "penalty": score(instance, seating, weights, cap, cap_sum),
    }


def score(instance, seating, weights, cap, cap_sum):
    """The issue's objective, computed from a seating, independent of the model above."""
    tables = instance["tables"]
    people = instance["participants"]
    k = len(tables)
    index = {json.dumps(t["id"]): i for i, t in enumerate(tables)}
    at = [index[json.dumps(seating[str(p["id"])])] for p in people]

    def band_sum(key):
        totals, counts = {}, {}
        for p, person in enumerate(people):
            totals[person[key]] = totals.get(person[key], 0) + 1
            counts[(at[p], person[key])] = counts.get((at[p], person[key]), 0) + 1
        total = 0
        for value, n_c in totals.items():
            for t in range(k):
                lo, hi = fair_band(n_c, cap[t], cap_sum)
                c = counts.get((t, value), 0)
                total += max(0, lo - c) + max(0, c - hi)
        return total

    district, role = band_sum("district"), band_sum("role")
    org_counts = {}
    for p, person in enumerate(people):
        org_counts[(at[p], person["organization"])] = org_counts.get((at[p], person["organization"]), 0) + 1
    organization = sum(max(0, c - 1) for c in org_counts.values())
    preference = sum(
        1 for p, person in enumerate(people)
        if person.get("wants") and tables[at[p]]["targetGroup"] not in set(person["wants"]))
    total = (weights["district"] * district + weights["role"] * role + weights["organization"] * organization
             + weights["preference"] * preference)
    return {"district": district, "role": role, "organization": organization, "preference": preference, "total": total}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("instance")
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with open(args.instance) as f:
        instance = json.load(f)
    print(json.dumps(solve(instance, args.seconds, args.workers), sort_keys=True))


if __name__ == "__main__":
    main()
