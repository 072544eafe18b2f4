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
                    self.assertIn(cell.number_format, ('"¥"#,##0', '"¥"#,##0.00', "0.0%", "General", "#,##0",
                                                       "0.00", "0.000", "0.0000"),
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

    def test_sweep(self):
        """A row per grid point: the swept values, then every statistic of the point's JSON."""
        args = ["sweep", "scenarios/template-illegal-use.yaml", "--runs", "1000", "--threads", "1"]
        data = as_json(args)
        with tempfile.TemporaryDirectory() as tmp:
            for lang in ("en", "zh", "both"):
                with self.subTest(lang):
                    book = workbook(args + ["--lang", lang], tmp, f"sweep-{lang}.xlsx")
                    self.assertEqual(book.sheetnames, {"en": ["Sweep", "Settings"], "zh": ["参数扫描", "设置"],
                                                       "both": ["参数扫描 Sweep", "设置 Settings"]}[lang])
                    for sheet in book.worksheets:
                        self.check_formats(sheet)
                    table = rows(book.worksheets[0])
                    header = table[0]
                    self.assertEqual(len(set(header)), len(header), "no header said twice")
                    self.assertEqual(len(table) - 1, len(data["points"]))
                    axes = len(data["axes"])
                    for i, (row, point) in enumerate(zip(table[1:], data["points"])):
                        self.assertEqual(row[0], i + 1)
                        self.assertSame(row[1:1 + axes], [point["at"][a] for a in data["axes"]])
                        expected = [point["award"][k] for k in STATS] + [point["p_liable"], point["p_punitive"]]
                        expected += list(point["basis"].values())
                        expected += [point["net_recovery"]["mean"], point["net_recovery"]["p50"]]
                        expected += [point["fees"]["claimant_share"]["mean"], point["fees"]["p_capped"]]
                        self.assertSame(row[1 + axes:], expected)
                    if lang == "en":
                        self.assertEqual(header[:4], ["Point", "Liability: a work", "Proof of the license fee", "Award Mean"])
                        sheet = book["Sweep"]
                        self.assertEqual(sheet.cell(2, header.index("Award Mean") + 1).number_format, '"¥"#,##0')
                        self.assertEqual(sheet.cell(2, header.index("P(liable)") + 1).number_format, "0.0%")
                        self.assertEqual(sheet.cell(2, header.index("Claimant's fee share, mean") + 1).number_format, '"¥"#,##0.00')
                        settings = {r[0]: r[1] for r in rows(book["Settings"])[1:]}
                        self.assertEqual(settings["Runs per point (common random numbers)"], data["runs"])
                        self.assertEqual(settings["Seed"], data["seed"])
                    if lang == "zh":
                        self.assertEqual(header[1 + axes:1 + axes + 2], ["判赔均值", "判赔标准差"])

    def test_sensitivity(self):
        """The tornado, the rank correlations and the Sobol indices, each input on a row."""
        args = ["sensitivity", "scenarios/benchmark.yaml", "--runs", "1000", "--method", "both",
                "--samples", "64", "--bootstrap", "20"]
        data = as_json(args)
        with tempfile.TemporaryDirectory() as tmp:
            for lang in ("en", "zh", "both"):
                with self.subTest(lang):
                    book = workbook(args + ["--lang", lang], tmp, f"sensitivity-{lang}.xlsx")
                    self.assertEqual(book.sheetnames, {
                        "en": ["Summary", "Tornado", "Rank correlation", "Sobol indices"],
                        "zh": ["摘要", "龙卷风图", "秩相关", "Sobol 指数"],
                        "both": ["摘要 Summary", "龙卷风图 Tornado", "秩相关 Rank correlation", "Sobol 指数 Sobol indices"]}[lang])
                    for sheet in book.worksheets:
                        self.check_formats(sheet)
                        header = rows(sheet)[0]
                        self.assertEqual(len(set(header)), len(header), "no header said twice")
                    summary = rows(book.worksheets[0])[1:]
                    self.assertSame(summary[1][1], data["base_award"])
                    self.assertEqual(summary[2][1], data["tornado_runs"])
                    self.assertEqual(summary[3][1], data["rank_correlations"]["runs"])
                    self.assertEqual(summary[4][1], data["rank_correlations"]["seed"])
                    sobol = data["sobol"]
                    self.assertSame([r[1] for r in summary[5:]],
                                    [sobol["samples"], sobol["evaluations"], sobol["bootstrap"],
                                     sobol["confidence"], sobol["mean"], sobol["variance"]])
                    tornado = rows(book.worksheets[1])[1:]
                    self.assertEqual([r[1] for r in tornado], [t["input"] for t in data["tornado"]])
                    self.assertSame([r[2:5] for r in tornado],
                                    [[t["low"], t["high"], t["swing"]] for t in data["tornado"]])
                    yes = {"en": "yes", "zh": "是", "both": "是 yes"}[lang]
                    self.assertEqual([r[5] == yes for r in tornado], [t["monotone"] for t in data["tornado"]])
                    rho = rows(book.worksheets[2])[1:]
                    self.assertEqual([r[1] for r in rho], [c["input"] for c in data["rank_correlations"]["inputs"]])
                    self.assertSame([r[2] for r in rho], [c["rho"] for c in data["rank_correlations"]["inputs"]])
                    indices = rows(book.worksheets[3])[1:]
                    keys = ["first", "first_low", "first_high", "total", "total_low", "total_high"]
                    self.assertEqual([r[1] for r in indices], [i["input"] for i in sobol["inputs"]])
                    self.assertSame([r[2:] for r in indices], [[i[k] for k in keys] for i in sobol["inputs"]])
                    if lang == "en":
                        labels = {r[1]: r[0] for r in tornado}
                        self.assertEqual(labels["liability.work"], "Liability: a work")
                        self.assertEqual(labels["facts.proven.illegal_gains"], "Proof of illegal gains")
                        self.assertEqual(book["Tornado"]["C2"].number_format, '"¥"#,##0')
                        self.assertEqual(book["Rank correlation"]["C2"].number_format, "0.000")
        # --method sobol alone: the summary and the Sobol sheet only
        args = ["sensitivity", "scenarios/benchmark.yaml", "--method", "sobol", "--samples", "64", "--bootstrap", "20"]
        data = as_json(args)
        with tempfile.TemporaryDirectory() as tmp:
            book = workbook(args + ["--lang", "en"], tmp, "sobol.xlsx")
            self.assertEqual(book.sheetnames, ["Summary", "Sobol indices"])
            indices = rows(book["Sobol indices"])[1:]
            self.assertSame([r[5] for r in indices], [i["total"] for i in data["sobol"]["inputs"]])

    def test_claim(self):
        """The best claim and the scenario's own in the Summary, the whole curve on its sheet."""
        for scenario in ("scenarios/template-illegal-use.yaml", "scenarios/benchmark.yaml"):
            args = ["claim", scenario, "--runs", "2000", "--threads", "1", "--points", "40"]
            data = as_json(args)
            with tempfile.TemporaryDirectory() as tmp:
                for lang in ("en", "zh", "both"):
                    with self.subTest(f"{scenario} {lang}"):
                        book = workbook(args + ["--lang", lang], tmp, f"claim-{lang}.xlsx")
                        self.assertEqual(book.sheetnames, {"en": ["Summary", "Curve"], "zh": ["摘要", "曲线"],
                                                           "both": ["摘要 Summary", "曲线 Curve"]}[lang])
                        for sheet in book.worksheets:
                            self.check_formats(sheet)
                        curve = rows(book.worksheets[1])
                        keys = ["claim", "fee", "expected_award", "expected_fee_share", "expected_net_recovery"]
                        self.assertSame(curve[1:], [[p[k] for k in keys] for p in data["curve"]])
                        summary = [r[1] for r in rows(book.worksheets[0])[1:]]
                        expected = [data["best"]["claim"], data["best"]["expected_net_recovery"]]
                        if "as_claimed" in data:
                            expected += [data["as_claimed"]["claim"], data["as_claimed"]["expected_net_recovery"]]
                        self.assertSame(summary[1:], expected + [data["runs"], data["seed"]])
                        if lang == "en":
                            self.assertEqual(curve[0], ["Claim", "Fee", "Expected award", "Expected fee share", "Expected net recovery"])
                            self.assertEqual(book["Curve"]["B2"].number_format, '"¥"#,##0.00')
                            self.assertEqual(book["Curve"]["E2"].number_format, '"¥"#,##0')

    def test_fit(self):
        """A row per law with its measures of fit and parameters; a refused law has no line."""
        with tempfile.TemporaryDirectory() as tmp:
            awards = pathlib.Path(tmp) / "awards.csv"
            awards.write_text("case,award\na,12000\nb,30000\nc,8000\nd,55000\ne,21000\nf,15000\n", encoding="utf-8")
            for fact in ("actual_loss", "multiplier"):
                args = ["fit", str(awards), "--column", "award", "--fact", fact]
                data = as_json(args)
                for lang in ("en", "zh", "both"):
                    with self.subTest(f"{fact} {lang}"):
                        book = workbook(args + ["--lang", lang], tmp, f"fit-{fact}-{lang}.xlsx")
                        self.assertEqual(book.sheetnames, {"en": ["Summary", "Fits"], "zh": ["摘要", "拟合"],
                                                           "both": ["摘要 Summary", "拟合 Fits"]}[lang])
                        for sheet in book.worksheets:
                            self.check_formats(sheet)
                        fits = rows(book.worksheets[1])[1:]
                        for row, fit in zip(fits, data["fits"]):
                            self.assertEqual(row[0], fit["law"])
                            self.assertSame(row[1:4], [fit["log_likelihood"], fit["aic"], fit["ks_distance"]])
                            p = fit["parameters"]
                            self.assertSame(row[4:9], [p.get("median"), p.get("mu"), p.get("sigma"), p.get("shape"), p.get("scale")])
                            self.assertEqual(row[9], len(p["values"]) if "values" in p else None)
                            self.assertEqual(row[10], fit["scenario_line"])
                            self.assertEqual(row[11], fit["refused"])
                        summary = [r[1] for r in rows(book.worksheets[0])[1:]]
                        self.assertEqual(summary[2:4], [data["fact"], data["n"]])
                        none = {"en": "none", "zh": "无", "both": "无 none"}[lang]
                        self.assertEqual(summary[4], data["best"] or none)
                        best = [f for f in data["fits"] if f["law"] == data["best"]]
                        self.assertEqual(summary[5], best[0]["scenario_line"] if best else None)
                        median = book.worksheets[1]["E2"].number_format
                        self.assertEqual(median, '"¥"#,##0' if fact == "actual_loss" else "0.0000")

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
            r = run(["fit", "x.csv", "--column", "a", "--format", "xlsx", "--out", f"{tmp}/y.csv"])
            self.assertEqual(r.returncode, 64)
            self.assertEqual(os.listdir(tmp), [], "nothing written")


if __name__ == "__main__":
    unittest.main()
