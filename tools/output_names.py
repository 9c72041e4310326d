#!/usr/bin/env python3
"""Lists the names dccsim's output files hold and checks them against tools/OUTPUTS.md.

    output_names.py list DIR...            every `file: name` the files in DIR... write
    output_names.py check OUTPUTS.md DIR... fails, listing them, on names written but not
                                            documented and on names documented but not written

A name is a CSV column, or a JSON key path with arrays collapsed (`stations[].utilisation`).
OUTPUTS.md documents a file under a heading naming it in backticks (several files may share one
section); each table row whose first cell starts with a backticked name documents that name.
`<word>` in a name is a family (`queue_<station>` matches `queue_csp_north`); a `<column>_hw` row
documents `X_hw` for every documented X of that file; `prefix{file.csv}` stands for prefix +
every column documented for file.csv.
"""
import csv
import json
import re
import sys
from pathlib import Path


def json_paths(value, prefix, out):
    if isinstance(value, dict):
        for k, v in value.items():
            path = f"{prefix}.{k}" if prefix else k
            out.add(path)
            json_paths(v, path, out)
    elif isinstance(value, list):
        for v in value:
            json_paths(v, prefix + "[]", out)


def written_names(dirs):
    """{file name: set of names} over every .csv and .json in dirs."""
    names = {}
    for d in dirs:
        for f in sorted(Path(d).iterdir()):
            if f.suffix == ".csv":
                with f.open(newline="") as fh:
                    header = next(csv.reader(fh), [])
                names.setdefault(f.name, set()).update(header)
            elif f.suffix == ".json":
                found = set()
                json_paths(json.loads(f.read_text()), "", found)
                names.setdefault(f.name, set()).update(found)
    return names


FILE_RE = re.compile(r"`([A-Za-z0-9_]+\.(?:csv|json))`")
NAME_RE = re.compile(r"^\|\s*`([^`]+)`")


def documented_names(doc):
    """{file name: [documented names]}, references and families unexpanded."""
    docs = {}
    current = []
    for line in Path(doc).read_text().splitlines():
        if line.startswith("#"):
            current = FILE_RE.findall(line)
            continue
        m = NAME_RE.match(line)
        if m and current:
            for f in current:
                docs.setdefault(f, []).append(m.group(1))
    return docs


def expand(docs, f, seen=()):
    out = []
    for name in docs.get(f, []):
        ref = re.search(r"\{([A-Za-z0-9_]+\.(?:csv|json))\}", name)
        if ref and ref.group(1) not in seen:
            prefix, suffix = name[: ref.start()], name[ref.end():]
            out += [prefix + n + suffix for n in expand(docs, ref.group(1), seen + (f,))]
        else:
            out.append(name)
    return out


def pattern(name):
    """`<word>` matches one name part (no dot); `<...key>` a dotted scenario key such as dsp.servers."""
    parts = re.split(r"(<[^>]+>)", name)
    rx = {True: r"[^,]+\.[^,]+", False: r"[^.,\[\]]+"}
    return re.compile("".join(rx["key" in p] if p.startswith("<") else re.escape(p) for p in parts) + "$")


def matches(pats, w):
    """The documented names matching written name w: exact names first, families only without one."""
    if w in pats:
        return [w]
    return [n for n, p in pats.items() if p.match(w)]


def check(doc, dirs):
    docs = documented_names(doc)
    written = written_names(dirs)
    problems = []
    for f in sorted(set(written) - set(docs)):
        problems.append(f"{f}: file written but has no section in {doc}")
    for f in sorted(written):
        if f not in docs:
            continue
        names = expand(docs, f)
        hw_rows = [n for n in names if n.endswith("<column>_hw")]
        pats = {n: pattern(n) for n in names if n not in hw_rows}
        used = set()
        for w in sorted(written[f]):
            hits = matches(pats, w)
            if not hits and hw_rows and w.endswith("_hw"):
                hits = matches(pats, w[:-3])
                if hits:
                    used.update(hw_rows)
            if hits:
                used.update(hits)
            else:
                problems.append(f"{f}: {w}: written but not documented")
        for n in names:
            if n not in used:
                problems.append(f"{f}: {n}: documented but not written")
    return problems


def main(argv):
    if len(argv) >= 2 and argv[0] == "list":
        for f, names in sorted(written_names(argv[1:]).items()):
            for n in sorted(names):
                print(f"{f}: {n}")
        return 0
    if len(argv) >= 3 and argv[0] == "check":
        problems = check(argv[1], argv[2:])
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)" if problems else "every name documented, every documented name written")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
