"""The CSV tables parse with Python's csv module and with pandas unchanged (issue: tables for
briefs), --excel files start with the UTF-8 byte-order mark, and the notebooks-data data
dictionary names every column of every table it describes.

Run from the repository root after a build: DAMAGES_BIN=.build/debug/damages python3 -m unittest
discover -s Tests/python
"""

import re
import csv
import json
import math
import io
import os
import pathlib
import subprocess
import tempfile
import unittest

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("DAMAGES_BIN", str(ROOT / ".build" / "debug" / "damages"))
BOM = b"\xef\xbb\xbf"

# Every command that writes CSV, on a bundled scenario that exercises it.
COMMANDS = {
    "estimate": ["estimate", "scenarios/changshu-2024-6697-banxin.yaml"],
    "simulate": ["simulate", "scenarios/platform-notice-three-defendants.yaml", "--runs", "3000"],
    "compare": ["simulate", "scenarios/template-repetitive-generation.yaml", "--runs", "3000"],
    "sweep": ["sweep", "scenarios/template-illegal-use.yaml", "--runs", "2000"],
    "sensitivity": ["sensitivity", "scenarios/benchmark.yaml", "--runs", "3000"],
    "claim": ["claim", "scenarios/template-illegal-use.yaml", "--runs", "3000"],
    "fees": ["fees", "300000"],
    # the brief's shape (--shape wide), where a command's CSV is long
    "simulate-wide": ["simulate", "scenarios/platform-notice-three-defendants.yaml", "--runs", "3000", "--shape", "wide"],
    "sweep-wide": ["sweep", "scenarios/template-illegal-use.yaml", "--runs", "2000", "--shape", "wide"],
    "sensitivity-wide": ["sensitivity", "scenarios/benchmark.yaml", "--runs", "3000", "--method", "both",
                         "--samples", "64", "--bootstrap", "20", "--shape", "wide"],
}


def damages(args, out):
    subprocess.run([BIN, *args, "--out", str(out)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out.read_bytes()


class CSVFilesTest(unittest.TestCase):
    def check_table(self, name, raw, expect_bom):
        self.assertEqual(raw.startswith(BOM), expect_bom, f"{name}: byte-order mark")
        text = raw.decode("utf-8-sig" if expect_bom else "utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertGreater(len(rows), 1, f"{name}: a header and at least one row")
        header = rows[0]
        self.assertTrue(all(h.strip() for h in header), f"{name}: empty header in {header}")
        self.assertEqual(len(set(header)), len(header), f"{name}: duplicate header")
        for i, row in enumerate(rows[1:], start=2):
            self.assertEqual(len(row), len(header), f"{name}: row {i} has {len(row)} fields")
        # pandas, with its defaults: the same header (byte-order mark stripped), the same rows.
        frame = pd.read_csv(io.BytesIO(raw))
        self.assertEqual(list(frame.columns), header, f"{name}: pandas header")
        self.assertEqual(len(frame), len(rows) - 1, f"{name}: pandas rows")
        return header, rows[1:], frame

    def test_every_command_in_every_language(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name, args in COMMANDS.items():
                for lang in ("zh", "en", "both"):
                    for excel in (False, True):
                        label = f"{name} --lang {lang}{' --excel' if excel else ''}"
                        with self.subTest(label):
                            extra = ["--lang", lang] + (["--excel"] if excel else [])
                            out = pathlib.Path(tmp) / f"{name}-{lang}-{excel}.csv"
                            raw = damages(args + extra, out)
                            header, _, frame = self.check_table(label, raw, excel)
                            if lang == "zh":
                                self.assertTrue(any("\u4e00" <= c <= "\u9fff" for c in "".join(header)),
                                                f"{label}: Chinese headers")
                            if lang == "en":
                                self.assertTrue("".join(header).isascii(), f"{label}: English headers")

    def as_json(self, args):
        r = subprocess.run([BIN, *args, "--format", "json"], cwd=ROOT, capture_output=True, check=True)
        return json.loads(r.stdout)

    def assertClose(self, a, b, msg=None):
        self.assertTrue(math.isclose(a, b, rel_tol=1e-15, abs_tol=1e-9), f"{a!r} != {b!r}: {msg}")

    def test_sweep_wide(self):
        """One row per grid point, one column per statistic: the JSON's numbers, in pandas."""
        args = ["sweep", "scenarios/template-illegal-use.yaml", "--runs", "2000"]
        data = self.as_json(args)
        with tempfile.TemporaryDirectory() as tmp:
            frame = pd.read_csv(io.BytesIO(damages(args + ["--shape", "wide", "--lang", "en"], pathlib.Path(tmp) / "w.csv")))
            self.assertEqual(list(frame.columns[:2]) + list(frame.columns[2:2 + len(data["axes"])]),
                             ["scenario", "point"] + data["axes"])
            self.assertEqual(len(frame), len(data["points"]))
            for (_, row), point in zip(frame.iterrows(), data["points"]):
                for axis in data["axes"]:
                    self.assertClose(row[axis], point["at"][axis], axis)
                for key, value in point["award"].items():
                    self.assertClose(row[f"award_{key}"], value, key)
                self.assertClose(row["p_liable"], point["p_liable"])
                for basis, share in point["basis"].items():
                    self.assertClose(row[f"basis_{basis}"], share, basis)
                self.assertClose(row["net_recovery_mean"], point["net_recovery"]["mean"])
                self.assertClose(row["fee_share_mean"], point["fees"]["claimant_share"]["mean"])
                self.assertClose(row["p_capped"], point["fees"]["p_capped"])
            # the long file holds the same numbers, a row per point and statistic
            long = pd.read_csv(io.BytesIO(damages(args + ["--lang", "en"], pathlib.Path(tmp) / "l.csv")))
            pivot = long.pivot(index="point", columns="statistic", values="value")
            for key in pivot.columns:
                self.assertTrue(((pivot[key].values - frame[key].values) == 0).all(), key)

    def test_sensitivity_wide(self):
        """One row per input: the tornado's low, high, swing and monotone, ρ, the Sobol indices."""
        args = ["sensitivity", "scenarios/benchmark.yaml", "--runs", "3000", "--method", "both",
                "--samples", "64", "--bootstrap", "20"]
        data = self.as_json(args)
        with tempfile.TemporaryDirectory() as tmp:
            frame = pd.read_csv(io.BytesIO(damages(args + ["--shape", "wide", "--lang", "en"], pathlib.Path(tmp) / "w.csv")))
            self.assertEqual(list(frame.columns), ["scenario", "input", "low", "high", "swing", "monotone", "rho",
                                                   "first", "first_low", "first_high", "total", "total_low", "total_high"])
            rows = frame.set_index("input")
            self.assertEqual(len(rows), len(set(rows.index)), "an input once")
            for t in data["tornado"]:
                for key in ("low", "high", "swing"):
                    self.assertClose(rows.loc[t["input"], key], t[key], f"{t['input']} {key}")
                self.assertEqual(rows.loc[t["input"], "monotone"], 1 if t["monotone"] else 0)
            for c in data["rank_correlations"]["inputs"]:
                self.assertClose(rows.loc[c["input"], "rho"], c["rho"], c["input"])
            for i in data["sobol"]["inputs"]:
                for key in ("first", "first_low", "first_high", "total", "total_low", "total_high"):
                    self.assertClose(rows.loc[i["input"], key], i[key], f"{i['input']} {key}")
            zh = pd.read_csv(io.BytesIO(damages(args + ["--shape", "wide", "--lang", "zh"], pathlib.Path(tmp) / "z.csv")))
            self.assertEqual(list(zh.columns[:7]), ["情景", "输入", "最低", "最高", "摆幅", "单调", "秩相关系数"])
            self.assertIn("证据：违法所得", set(zh["输入"]))

    def test_amounts_keep_full_precision_unless_rounded(self):
        with tempfile.TemporaryDirectory() as tmp:
            args = ["simulate", "scenarios/benchmark.yaml", "--runs", "5000", "--lang", "en"]
            full = pd.read_csv(io.BytesIO(damages(args, pathlib.Path(tmp) / "a.csv")))
            rounded = pd.read_csv(io.BytesIO(damages(args + ["--round"], pathlib.Path(tmp) / "b.csv")))
            value = full.columns[-1]
            mean = full[(full.iloc[:, 2] == "award") & (full.iloc[:, 3] == "mean")][value].iloc[0]
            rmean = rounded[(rounded.iloc[:, 2] == "award") & (rounded.iloc[:, 3] == "mean")][value].iloc[0]
            self.assertNotEqual(mean, round(mean), "full precision in CSV by default")
            self.assertEqual(rmean, round(mean), "--round gives whole yuan")

    def test_notebooks_data(self):
        folder = ROOT / "notebooks-data"
        dictionary = (folder / "README.md").read_text(encoding="utf-8")
        files = sorted(folder.rglob("*.csv"))
        self.assertTrue(any(f.name == "summary.csv" for f in files))
        self.assertTrue(any(f.parent.name == "sweeps" for f in files))
        self.assertTrue(any(f.parent.name == "sensitivity" for f in files))
        for path in files:
            with self.subTest(str(path.relative_to(ROOT))):
                header, rows, frame = self.check_table(path.name, path.read_bytes(), False)
                for column in header:
                    if path.parent.name == "sweeps" and column.startswith(("facts.", "liability.", "case.", "options.")):
                        # swept paths: described as "one column per swept path"
                        self.assertIn("one column per swept path", dictionary)
                        continue
                    self.assertIn(f"`{column}`", dictionary, f"{path.name}: column {column} undocumented")
                if path.name == "summary.csv":
                    scenarios = sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))
                    self.assertEqual(sorted(frame["file"]), scenarios, "one row per bundled scenario")
                    basis = frame[[c for c in header if c.startswith("basis_")]].sum(axis=1)
                    self.assertTrue(((basis - 1).abs() < 1e-9).all(), "basis shares sum to 1")
                elif path.parent.name == "portfolio":
                    # the bundled batch: wide per-claim columns (checked above) and, in the long
                    # file, one metric a row: a claim's column, a total's statistic or P(> X)
                    self.assertIn("portfolio/", dictionary)
                    if "metric" in frame:
                        self.assertEqual(set(frame["table"]), {"claim", "portfolio"})
                        for m in set(frame["metric"]):
                            if re.fullmatch(r"p\d+|p_above_\d+", m):
                                continue
                            self.assertIn(f"`{m}`", dictionary, f"{path.name}: metric {m} undocumented")
                else:
                    statistics = set(frame["statistic"])
                    for s in statistics:
                        if not s.startswith(("award_", "basis_", "net_recovery_", "fee_share_", "p_")):
                            self.assertIn(f"`{s}`", dictionary, f"{path.name}: statistic {s} undocumented")


if __name__ == "__main__":
    unittest.main()
