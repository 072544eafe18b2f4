"""Every Excel workbook the tool writes opens in openpyxl, has the sheets of its command with
headers in the --lang language(s), and its numbers equal the JSON's (docs/outputs.md, Tables for
briefs): amounts in a yuan format with digit grouping, probabilities in a percentage format.

Run from the repository root after a build: DAMAGES_BIN=.build/debug/damages python3 -m unittest
discover -s Tests/python
"""

import json
import math
import os
import pathlib
import subprocess
import tempfile
import unittest

import openpyxl

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("DAMAGES_BIN", str(ROOT / ".build" / "debug" / "damages"))

STATS = ["mean", "sd", "se_mean", "min", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99",
         "max", "p_positive"]


def run(args, **kwargs):
    return subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, **kwargs)


def workbook(args, tmp, name):
    out = pathlib.Path(tmp) / name
    r = run(args + ["--out", str(out)])
    assert r.returncode == 0, r.stderr.decode()
    return openpyxl.load_workbook(out)


def as_json(args):
    r = run(args + ["--format", "json"])
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def same(a, b):
    """Equal, or equal to the JSON's 16 significant digits (the JSON prints that many; the
    workbook holds the full double)."""
    if isinstance(a, list) or isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-15, abs_tol=1e-9)
    return a == b


class WorkbookTest(unittest.TestCase):
    def assertSame(self, a, b, msg=None):
        self.assertTrue(same(a, b), f"{a!r} != {b!r}" + (f": {msg}" if msg else ""))
    def check_formats(self, sheet):
        """Numbers are numbers; amounts carry the yuan format, fractions the percentage one."""
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    self.assertIn(cell.number_format, ('"¥"#,##0', '"¥"#,##0.00', "0.0%", "General", "#,##0"),
                                  f"{sheet.title}!{cell.coordinate}")
                if isinstance(cell.value, str):
                    self.assertFalse(cell.value.replace(",", "").replace(".", "").isdigit(),
                                     f"{sheet.title}!{cell.coordinate}: a number written as text")

    def test_simulate(self):
        args = ["simulate", "scenarios/platform-notice-three-defendants.yaml", "--runs", "3000", "--threads", "1"]
        data = as_json(args)
        with tempfile.TemporaryDirectory() as tmp:
            for lang in ("en", "zh", "both"):
                with self.subTest(lang):
                    book = workbook(args + ["--lang", lang], tmp, f"simulate-{lang}.xlsx")
                    names = book.sheetnames
                    expected = {"en": ["Summary", "Percentiles", "Bases", "Defendants", "Fees"],
                                "zh": ["摘要", "百分位", "赔偿依据", "被告", "诉讼费"],
                                "both": ["摘要 Summary", "百分位 Percentiles", "赔偿依据 Bases", "被告 Defendants", "诉讼费 Fees"]}[lang]
                    self.assertEqual(names[:len(expected)], expected[:len(names)])
                    for sheet in book.worksheets:
                        self.check_formats(sheet)
                    pct = rows(book.worksheets[1])
                    header = pct[0]
                    self.assertEqual(len(set(header)), len(header), "no header said twice")
                    if lang == "en":
                        self.assertEqual(header, ["Item", "Mean", "SD", "SE of mean", "Min", "P5", "P10", "P25", "P50", "P75", "P90", "P95", "P99", "Max", "P(> 0)"])
                    if lang == "zh":
                        self.assertTrue(all(not h.isascii() or h.startswith("P") for h in header))
                    award = pct[1]
                    self.assertSame(award[1:], [data["award"][k] for k in STATS])
                    net = [r for r in pct if r[0] in ("Net recovery", "净回收", "净回收 Net recovery")][0]
                    self.assertSame(net[1:], [data["net_recovery"][k] for k in STATS])
                    bases = rows(book.worksheets[2])[1:]
                    self.assertSame([r[1] for r in bases], list(data["basis"].values()))
                    self.assertAlmostEqual(sum(r[1] for r in bases), 1.0, places=12)
                    summary = rows(book.worksheets[0])[1:]
                    self.assertSame(summary[0][1], data["p_liable"])
                    self.assertSame(summary[2][1], data["p_punitive"])
                    defendants = rows(book.worksheets[3])[1:]
                    self.assertEqual(len(defendants), 2 * len(data["defendants"]))
                    for i, d in enumerate(data["defendants"]):
                        self.assertEqual(defendants[2 * i][0], d["name"])
                        self.assertSame(defendants[2 * i][2:], [d["exposure"][k] for k in STATS])
                        self.assertSame(defendants[2 * i + 1][2:], [d["share"][k] for k in STATS])
                    fees = rows(book["Fees" if lang == "en" else names[4]])[1:]
                    self.assertSame(fees[0][1], data["fees"]["claim"])
                    self.assertSame(fees[1][1], data["fees"]["fee"])
                    self.assertSame(fees[2][1], data["fees"]["claimant_share"]["mean"])
                    self.assertSame(fees[3][1], data["fees"]["p_capped"])
                    cell = book.worksheets[1]["B2"]
                    self.assertEqual(cell.number_format, '"¥"#,##0')
                    self.assertEqual(book.worksheets[0]["B2"].number_format, "0.0%")

    def test_simulate_compare(self):
        args = ["simulate", "scenarios/template-repetitive-generation.yaml", "--runs", "3000", "--threads", "1"]
        data = as_json(args)
        with tempfile.TemporaryDirectory() as tmp:
            book = workbook(args + ["--lang", "en"], tmp, "compare.xlsx")
            pct = rows(book["Percentiles"])
            self.assertEqual(pct[0][:2], ["Route", "Item"])
            tort = [r for r in pct if r[0] == "Tort route" and r[1] == "Award"][0]
            contract = [r for r in pct if r[0] == "Contract route" and r[1] == "Award"][0]
            primary = data if data["route"] == "tort" else data["contract"]
            other = data["contract"] if data["route"] == "tort" else data
            self.assertSame(tort[2:], [primary["award"][k] for k in STATS])
            self.assertSame(contract[2:], [other["award"][k] for k in STATS])
            summary = rows(book["Summary"])
            row = [r for r in summary if r[1] == "Contract minus tort: mean award (yuan)"][0]
            self.assertSame(row, ["Comparison", "Contract minus tort: mean award (yuan)", data["difference"]["award_mean"]])

    def test_estimate(self):
        args = ["estimate", "scenarios/platform-notice-three-defendants.yaml"]
        data = as_json(args + ["--lang", "en"])
        with tempfile.TemporaryDirectory() as tmp:
            for lang in ("en", "zh", "both"):
                with self.subTest(lang):
                    book = workbook(args + ["--lang", lang], tmp, f"estimate-{lang}.xlsx")
                    for sheet in book.worksheets:
                        self.check_formats(sheet)
                    summary = {r[0]: r[1] for r in rows(book.worksheets[0])[1:]}
                    if lang == "en":
                        self.assertEqual(book.sheetnames, ["Summary", "Defendants", "Fees", "Steps"])
                        for label, key in [("Base", "base"), ("Punitive", "punitive"), ("Compensation", "compensation"),
                                           ("Mental distress", "mental_distress"), ("Expenses", "expenses"), ("Award", "award"),
                                           ("Multiplier", "multiplier")]:
                            self.assertSame(summary[label], data[key], label)
                        fees = {r[0]: r[1] for r in rows(book["Fees"])[1:]}
                        self.assertSame(fees["Claim"], data["claim"])
                        self.assertSame(fees["Acceptance fee"], data["fee"])
                        self.assertSame(fees["Claimant's fee share"], data["fee_share"])
                        self.assertSame(fees["Net recovery"], data["net_recovery"])
                        steps = rows(book["Steps"])[1:]
                        self.assertEqual([r[0] for r in steps], [s["rule"] for s in data["steps"]])
                        self.assertEqual([r[2] for r in steps], [s["text"] for s in data["steps"]])
                        self.assertSame([r[3] for r in steps], [s["amount"] for s in data["steps"]])
                    defendants = rows(book.worksheets[1])[1:]
                    self.assertSame([[r[0], r[1], r[2]] for r in defendants],
                                     [[d["name"], d["exposure"], d["share"]] for d in data["defendants"]])

    def test_fees(self):
        for summary in (False, True):
            args = ["fees", "300000"] + (["--summary"] if summary else [])
            data = as_json(args)
            with tempfile.TemporaryDirectory() as tmp:
                book = workbook(args + ["--lang", "en"], tmp, "fees.xlsx")
                table = rows(book["Fees"])
                self.assertEqual(table[0], ["Item", "From (yuan)", "To (yuan)", "Rate", "Amount (yuan)"])
                brackets = table[1:-1]
                self.assertSame([[r[1], r[2], r[3], r[4]] for r in brackets],
                                 [[b["from"], b["to"], b["rate"], b["amount"]] for b in data["brackets"]])
                self.assertSame(table[-1][4], data["fee"])
                self.assertEqual(book["Fees"]["D3"].number_format, "0.0%")

    def test_batch_and_merge(self):
        """The per-claim table and the portfolio of `damages batch`, and of `damages merge` of
        its shards, equal the JSON's; a bad row lands on the Errors sheet (exit 65)."""
        with tempfile.TemporaryDirectory() as tmp:
            claims = pathlib.Path(tmp) / "claims.csv"
            lines = (ROOT / "scenarios/portfolio/claims.csv").read_text(encoding="utf-8").splitlines()
            claims.write_text("\n".join(lines[:13]) + "\n", encoding="utf-8")
            template = str(ROOT / "scenarios/portfolio/template.yaml")
            args = ["batch", str(claims), "--template", template, "--runs", "2000", "--threads", "1",
                    "--threshold", "100000"]
            data = as_json(args)
            book = workbook(args + ["--lang", "en"], tmp, "batch.xlsx")
            self.assertEqual(book.sheetnames, ["Claims", "Portfolio"])
            table = rows(book["Claims"])
            self.assertEqual(table[0][:3], ["id", "P(liable)", "award mean"])
            keys = ["p_liable", "award_mean", "award_p5", "award_p50", "award_p95", "fee",
                    "fee_share_mean", "net_recovery_mean", "net_recovery_p5"]
            self.assertEqual(len(table) - 1, len(data["claims"]))
            for row, claim in zip(table[1:], data["claims"]):
                self.assertEqual(row[0], claim["id"])
                self.assertSame(row[1:], [claim[k] for k in keys])
            self.check_formats(book["Claims"])
            self.assertEqual(book["Claims"]["B2"].number_format, "0.0%")
            portfolio = rows(book["Portfolio"])
            stats = ["mean", "sd", "min", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "max"]
            for row, key in zip(portfolio[1:], ["award", "fees", "net_recovery"]):
                total = data["portfolio"][key]
                self.assertSame(row[1:13], [total[s] for s in stats], key)
                self.assertSame(row[13], total["p_above"][0]["p"], key)
            # the shards merged into a workbook: the same numbers
            parts = []
            for k in range(3):
                part = pathlib.Path(tmp) / f"part-{k}.json"
                r = run(args + ["--shard", f"{k}/3", "--out", str(part)])
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                parts.append(str(part))
            merged_path = pathlib.Path(tmp) / "merged.xlsx"
            r = run(["merge", *parts, "--lang", "en", "--out", str(merged_path)])
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            merged = openpyxl.load_workbook(merged_path)
            self.assertEqual(rows(merged["Claims"]), table)
            self.assertEqual(rows(merged["Portfolio"]), portfolio)
            # a shard never writes a workbook
            r = run(args + ["--shard", "0/3", "--out", str(pathlib.Path(tmp) / "p.xlsx")])
            self.assertEqual(r.returncode, 64)
            # a bad row: reported, the others computed, listed on the Errors sheet
            bad = pathlib.Path(tmp) / "bad.csv"
            header = lines[0].split(",")
            col = header.index("case.claim")
            broken = lines[2].split(",")
            broken[col] = "1.2w"
            bad.write_text("\n".join([lines[0], lines[1], ",".join(broken)]) + "\n", encoding="utf-8")
            out = pathlib.Path(tmp) / "bad.xlsx"
            r = run(["batch", str(bad), "--template", template, "--runs", "2000", "--lang", "en",
                     "--out", str(out)])
            self.assertEqual(r.returncode, 65, r.stderr.decode())
            book = openpyxl.load_workbook(out)
            self.assertEqual(book.sheetnames, ["Claims", "Portfolio", "Errors"])
            errors = rows(book["Errors"])
            self.assertEqual(errors[1][0], broken[0])
            self.assertIn('"1.2w" is not an amount', errors[1][1])
            self.assertEqual(len(rows(book["Claims"])), 2)

    def test_xlsx_to_standard_output(self):
        r = run(["fees", "30万", "--format", "xlsx"])
        self.assertEqual(r.returncode, 0)
        self.assertTrue(r.stdout.startswith(b"PK"), "a zip container")

    def test_wrong_extension_is_a_usage_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            for args in (["--format", "csv", "--out", f"{tmp}/y.xlsx"], ["--format", "xlsx", "--out", f"{tmp}/y.csv"]):
                r = run(["fees", "300000", *args])
                self.assertEqual(r.returncode, 64, args)
                self.assertEqual(os.listdir(tmp), [], "nothing written")
            r = run(["fit", "x.csv", "--column", "a", "--format", "xlsx"])
            self.assertEqual(r.returncode, 64)


if __name__ == "__main__":
    unittest.main()
