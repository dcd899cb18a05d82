#!/usr/bin/env python3
"""PromQL found in agentgate's deploy files, for deploy/check.

  promql_refs.py rules DASHBOARD.json OUT.yaml
      writes every PromQL expression of the dashboard (panel targets, annotations, the selectors
      inside label_values() variables) as recording rules, Grafana variables replaced, so that
      `promtool check rules OUT.yaml` parses each one; the rule name says which panel it is from.
  promql_refs.py names FILE...
      prints the metric names (agentgate_, jvm_, process_, system_, netty_ prefixes) that the
      PromQL of the dashboard (.json) or alert rules (.yaml) refers to, one per line, sorted.
"""
import json
import re
import sys

PREFIXES = ("agentgate_", "jvm_", "process_", "system_", "netty_")
NAME = re.compile(r"(?<![A-Za-z0-9_:])((?:%s)[A-Za-z0-9_:]*)" % "|".join(PREFIXES))
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
LABEL_VALUES = re.compile(r"^\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$", re.S)


def grafana_to_promql(expr):
    """Grafana's interval variables become a duration; any other variable a regex."""
    expr = re.sub(r"\$\{?__(rate_interval|interval|range)\}?", "5m", expr)
    expr = re.sub(r"\$\{?__range_(s|ms)\}?", "300", expr)
    return re.sub(r"\$\{?[A-Za-z_][A-Za-z0-9_]*(?::[a-z]+)?\}?", ".*", expr)


def dashboard_exprs(path):
    """(where, expr) for every query in a dashboard."""
    with open(path, encoding="utf-8") as f:
        dashboard = json.load(f)
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            here = where
            if "title" in node and isinstance(node["title"], str):
                here = node["title"]
            if isinstance(node.get("expr"), str) and node["expr"].strip():
                found.append((f"{here} {node.get('refId', '')}".strip(), node["expr"]))
            for value in node.values():
                walk(value, here)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(dashboard.get("panels", []), "panel")
    walk(dashboard.get("annotations", {}), "annotation")
    for var in dashboard.get("templating", {}).get("list", []):
        query = var.get("query")
        if isinstance(query, dict):
            query = query.get("query")
        if var.get("type") == "query" and isinstance(query, str):
            m = LABEL_VALUES.match(query)
            found.append((f"variable {var['name']}", m.group(1) if m else query))
    return found


def write_rules(dashboard, out):
    exprs = dashboard_exprs(dashboard)
    if not exprs:
        sys.exit(f"{dashboard}: no PromQL expressions found")
    with open(out, "w", encoding="utf-8") as f:
        f.write("groups:\n  - name: dashboard\n    rules:\n")
        for i, (where, expr) in enumerate(exprs):
            slug = re.sub(r"[^A-Za-z0-9]+", "_", where).strip("_").lower()
            f.write(f"      - record: dashboard:{slug}:{i}\n")
            f.write(f"        expr: {json.dumps(grafana_to_promql(expr))}\n")
    print(f"{len(exprs)} expressions")


def names(paths):
    result = set()
    for path in paths:
        if path.endswith(".json"):
            texts = [grafana_to_promql(e) for _, e in dashboard_exprs(path)]
        else:
            with open(path, encoding="utf-8") as f:
                # Alert rules: expressions and annotations both name real metrics.
                texts = [f.read()]
        for text in texts:
            result.update(NAME.findall(STRING.sub('""', text) if path.endswith(".json") else text))
    for name in sorted(result):
        print(name)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "rules":
        write_rules(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "names":
        names(sys.argv[2:])
    else:
        sys.exit(__doc__)
