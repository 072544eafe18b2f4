#!/usr/bin/env python3
"""End-to-end test of the page `damages serve` serves, in headless Chromium, and a load test.

Run by Tests/e2e/run.sh, which starts the server and passes its address. Every check prints
`ok - NAME` or `not ok - NAME: why`; the last line is `e2e: N passed, N failed`, and the exit
code is 1 if anything failed.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--binary", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--requests", type=int, default=200)
parser.add_argument("--clients", type=int, default=8)
args = parser.parse_args()
URL = args.url.rstrip("/")
OUT = os.path.abspath(args.out)
DOWNLOADS = os.path.join(OUT, "downloads")
os.makedirs(DOWNLOADS, exist_ok=True)
for name in os.listdir(DOWNLOADS):
    os.remove(os.path.join(DOWNLOADS, name))

passed, failed = 0, 0


def check(name):
    """Runs one named check; a failure is recorded and the run goes on where it can."""
    def wrap(body):
        global passed, failed
        started = time.time()
        try:
            body()
            passed += 1
            print(f"ok - {name} ({time.time() - started:.1f} s)", flush=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported the same way
            failed += 1
            print(f"not ok - {name}: {error}", flush=True)
            traceback.print_exc()
        return body
    return wrap


def damages(*arguments, text=True):
    """Runs the damages command; its standard output."""
    result = subprocess.run([args.binary, *arguments], capture_output=True, text=text, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"damages {' '.join(arguments)} exited {result.returncode}: {result.stderr}")
    return result.stdout


def grouped(x):
    """Whole yuan, half away from zero, digits grouped: as the page and the tables print."""
    whole = math.floor(abs(x) + 0.5)
    return ("-" if x < 0 and whole else "") + f"{whole:,}"


def percent(p):
    return f"{round(p * 1000) / 10:.1f}%"


# ---- the browser ----
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1600",
                 "--lang=zh-CN", "--disable-gpu"]:
    options.add_argument(argument)
options.add_experimental_option("prefs", {
    "download.default_directory": DOWNLOADS, "download.prompt_for_download": False,
})
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})
wait = WebDriverWait(driver, 60)


def css(selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def field(name):
    return css(f'#case-form [name="{name}"]')


def type_into(name, value):
    element = field(name)
    element.clear()
    element.send_keys(str(value))


def choose(name, value):
    Select(field(name)).select_by_value(value)


def wait_valid():
    wait.until(lambda d: "ok" in css("#yaml-status").get_attribute("class").split())


def screenshot(name):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, min(max(height, 900), 6000))
    driver.execute_script("window.scrollTo(0, 0)")
    path = os.path.join(OUT, name)
    driver.save_screenshot(path)
    driver.set_window_size(1400, 1600)
    return path


def cells(table):
    """The data cells of a results table: data-key -> (data-value, text shown)."""
    out = {}
    for cell in driver.find_elements(By.CSS_SELECTOR, f"{table} td[data-key]"):
        out[cell.get_attribute("data-key")] = (cell.get_attribute("data-value"), cell.text)
    return out


def same_number(shown, expected):
    return float(shown) == float(expected)


def record_progress():
    """Samples the progress bar every 40 ms into window.progressSamples."""
    driver.execute_script("""
        clearInterval(window.progressTimer); window.progressSamples = [];
        window.progressTimer = setInterval(() => {
          const p = document.querySelector('#progress'), bar = document.querySelector('#progress-bar');
          window.progressSamples.push({hidden: p.hidden, phase: p.dataset.phase || '',
            value: bar.hasAttribute('value') ? bar.value : null,
            text: document.querySelector('#progress-text').textContent});
        }, 40);""")


def tornado_labels(language):
    """The tornado chart's row labels: those of the page's table, in the page's language, whole."""
    wait.until(lambda d: d.execute_script(
        "const i = document.querySelector('img[data-chart=tornado]'); return i && i.complete && i.naturalWidth > 0"
        " && i.src.includes('lang=' + arguments[0])", language))
    src = css("img[data-chart=tornado]").get_attribute("src")
    with urllib.request.urlopen(src, timeout=30) as response:
        svg = response.read().decode()
    import re
    import html
    chart = [html.unescape(x) for x in re.findall(r'<text class="row-label"[^>]*>([^<]*)</text>', svg)]
    table = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#tornado-table td[data-input]")]
    assert chart == table, f"chart {chart}, table {table}"
    for label in chart:
        assert not label.startswith(("facts.", "liability.")) and not label.endswith("…"), label
    if language == "zh":
        assert all(any("\u4e00" <= c <= "\u9fff" for c in label) for label in chart), chart
    return chart


case_yaml = os.path.join(OUT, "case.yaml")


@check("the page loads, lists the bundled scenarios and shows Chinese labels")
def page_loads():
    driver.get(URL + "/")
    wait.until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    buttons = driver.find_elements(By.CSS_SELECTOR, "#bundled-list button")
    assert len(buttons) >= 8, f"{len(buttons)} bundled scenarios listed"
    if css("#lang-toggle").text != "English":
        css("#lang-toggle").click()
    assert css("#run-estimate").text == "点估计", css("#run-estimate").text
    wait_valid()


@check("a case filled in through the form becomes valid YAML in the editor")
def fill_case():
    type_into("title", "E2E 测试 v. 某公司: image reposted")
    choose("case.act", "illegal-use")
    choose("case.claimant", "natural-person")
    css('#case-form input[name="case.rights"][value="reproduction"]').click()
    type_into("case.claim", 60000)
    choose("facts.illegal_gains.kind", "lognormal-p10")
    type_into("facts.illegal_gains.p10", 2000)
    type_into("facts.illegal_gains.p90", 40000)
    type_into("facts.proven.illegal_gains", 0.4)
    choose("facts.statutory_award.kind", "triangular")
    type_into("facts.statutory_award.mode", 10000)
    type_into("facts.intentional", 0.3)
    type_into("facts.serious", 0.6)
    choose("facts.multiplier.kind", "pert")
    type_into("facts.multiplier.min", 1)
    type_into("facts.multiplier.mode", 2)
    type_into("facts.multiplier.max", 4)
    choose("facts.expenses.kind", "number")
    type_into("facts.expenses", 3000)
    type_into("liability.work", 0.85)
    css('[data-list="liability.defenses"] + button').click()
    type_into("liability.defenses[0].success", 0.15)
    css('[data-list="defendants"] + button').click()
    type_into("defendants[0].name", "某公司")
    type_into("simulation.runs", 50000)
    type_into("simulation.seed", 42)
    wait_valid()
    text = css("#yaml").get_attribute("value")
    for needle in ["reproduction", "p10: 2000", "dist: triangular", "mode: 10000", "{kind: fair-use, success: 0.15}",
                   '{name: "某公司", role: infringer, form: sole}', "runs: 50000", "seed: 42"]:
        assert needle in text, f"{needle!r} not in the YAML:\n{text}"
    with open(case_yaml, "w", encoding="utf-8") as f:
        f.write(text)
    damages("check", case_yaml)
    # one runs field: the scenario's, in the form
    runs_fields = driver.find_elements(By.CSS_SELECTOR, 'input[name="simulation.runs"], #opt-runs, input[id*="runs"]')
    assert len(runs_fields) == 1, f"{len(runs_fields)} runs fields"


@check("an out-of-range value is shown next to its field, then fixed")
def out_of_range():
    type_into("facts.multiplier.max", 7)
    error = '#case-form [data-field="facts.multiplier"] .field-error'
    wait.until(lambda d: "1 to 5" in css(error).text)
    assert "facts.multiplier" in css("#diagnostics").text
    type_into("facts.multiplier.max", 4)
    wait_valid()
    assert css(error).text == ""
    assert css("#yaml").get_attribute("value") == open(case_yaml, encoding="utf-8").read()


@check("estimate: every number shown equals `damages estimate --format json`")
def estimate():
    css("#run-estimate").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#estimate-table td[data-key]"))
    expected = json.loads(damages("estimate", case_yaml, "--format", "json", "--lang", "zh"))
    shown = cells("#estimate-table")
    assert len(shown) >= 12, shown
    for key, (value, text) in shown.items():
        if key.startswith("defendants["):
            index, part = int(key[11:key.index("]")]), key.split(".")[1]
            want = expected["defendants"][index][part]
        else:
            want = expected[key]
        if isinstance(want, bool):
            assert value == str(want).lower(), f"{key}: page {value}, command {want}"
        elif isinstance(want, str):
            assert value == want, f"{key}: page {value}, command {want}"
        else:
            assert same_number(value, want), f"{key}: page {value}, command {want}"
            if key in ("fee", "fee_share"):
                assert text == f"{want:.2f}", f"{key}: shown {text}, command {want}"
            elif key == "p_liable":
                # a percentage to two decimals, rounded half up as the page's Math.round does
                assert text == f"{math.floor(want * 10000 + 0.5) / 100:g}%", f"{key}: shown {text}, command {want}"
            elif key != "multiplier":
                assert text == grouped(want), f"{key}: shown {text}, command {grouped(want)}"
    assert "p_liable" in shown, "the probability of liability is not shown"
    warnings = driver.find_elements(By.CSS_SELECTOR, "#estimate-warning")
    if "warning" in expected:
        assert warnings and warnings[0].text == expected["warning"], "the estimate's warning is not shown"
    else:
        assert not warnings, "a warning is shown that the command does not give"
    steps = driver.find_elements(By.CSS_SELECTOR, "ol.steps li")
    assert len(steps) == len(expected["steps"]), f"{len(steps)} steps shown, {len(expected['steps'])} expected"
    assert expected["steps"][0]["text"] in steps[0].text


def simulate_value(expected, key):
    route = expected
    if key.startswith("contract."):
        route, key = expected["contract"], key[len("contract."):]
    if key.startswith("defendants["):
        index = int(key[11:key.index("]")])
        _, part, stat = key.split(".")
        return route["defendants"][index][part][stat]
    parts = key.split(".")
    if parts[0] == "basis":
        return route["basis"][parts[1]]
    if parts[0] == "fees":
        return route["fees"][parts[1]]
    if key == "p_positive":
        return route["award"]["p_positive"]
    if len(parts) == 1:
        return route[key]
    quantity, stat = parts
    source = {"award": route["award"], "net_recovery": route["net_recovery"],
              "fee_share": route["fees"].get("claimant_share")}.get(quantity) or route["components"][quantity]
    return source[stat]


@check("simulate: every number shown equals `damages simulate --format json`; the charts load")
def simulate():
    css("#run-simulate").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#simulate-table td[data-key]"))
    expected = json.loads(damages("simulate", case_yaml, "--format", "json"))
    shown = cells("#simulate-table")
    shown.update(cells("#measures-table"))
    assert len(shown) >= 60, f"only {len(shown)} cells"
    for key, (value, text) in shown.items():
        want = simulate_value(expected, key)
        assert same_number(value, want), f"{key}: page {value}, command {want}"
        if key.startswith("p_") or key.startswith("basis.") or key == "p_positive":
            assert text == percent(want), f"{key}: shown {text}, command {percent(want)}"
        elif key == "fees.fee":
            assert text == f"{want:.2f}"
        else:
            assert text == grouped(want), f"{key}: shown {text}, command {grouped(want)}"
    charts = driver.find_elements(By.CSS_SELECTOR, "#results-body img[data-chart]")
    assert len(charts) == 2, f"{len(charts)} charts"
    wait.until(lambda d: all(d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", c)
                             for c in charts))


@check("the CSV download (for Excel) is byte for byte `damages simulate --format csv --excel`")
def download_csv():
    css("#dl-excel").click()
    css("#dl-csv").click()
    target = os.path.join(DOWNLOADS, "E2E-测试-v.-某公司-image-reposted-simulate.csv")
    deadline = time.time() + 30
    while time.time() < deadline and not (os.path.exists(target) and os.path.getsize(target) > 0):
        time.sleep(0.1)
    assert os.path.exists(target), f"no download in {DOWNLOADS}: {os.listdir(DOWNLOADS)}"
    time.sleep(0.3)
    got = open(target, "rb").read()
    want = damages("simulate", case_yaml, "--format", "csv", "--lang", "zh", "--excel", text=False)
    assert got.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert got == want, f"CSV differs:\n{got[:300]!r}\n{want[:300]!r}"


@check("screenshot of the filled-in case with its results (Chinese labels)")
def screenshot_zh():
    path = screenshot("page-zh.png")
    assert os.path.getsize(path) > 20_000
    print(f"    screenshot: {path}")


@check("a simulation longer than a second shows its progress")
def progress():
    # a million runs, four times more until one takes long enough to show progress (within the cap)
    with urllib.request.urlopen(URL + "/api/info", timeout=10) as response:
        cap = json.loads(response.read())["max_runs"]
    count, shown, text, summarised = 1_000_000, False, "", []
    while True:
        type_into("simulation.runs", count)
        wait_valid()
        record_progress()
        css("#run-simulate").click()
        WebDriverWait(driver, 120).until(lambda d: not css("#progress").get_attribute("hidden")
                                         or d.find_elements(By.CSS_SELECTOR, "#run-simulate:not([disabled])"))
        shown = not css("#progress").get_attribute("hidden")
        text = css("#progress-text").text
        WebDriverWait(driver, 300).until(lambda d: css("#run-simulate").is_enabled())
        assert f"{count:,}" in css("#results-body").text, "the results are not of this run"
        samples = driver.execute_script("return window.progressSamples")
        full = [x for x in samples if not x["hidden"] and x["value"] is not None and x["value"] >= 1]
        assert not full, f"the bar was full while the job ran: {full[:3]}"
        simulating = [x for x in samples if not x["hidden"] and x["phase"] == "simulating"]
        # the engine counts its percentiles (and any second pass): the bar moves past 90 %
        # while they run, instead of waiting there for them
        late = [x for x in simulating if x["value"] is not None and x["value"] > 0.9]
        if (shown and late) or count * 4 > cap:
            break
        count *= 4
    type_into("simulation.runs", 50000)
    wait_valid()
    assert shown, f"the progress bar never showed, up to {count:,} runs"
    assert "%" in text or "排队" in text, text
    assert late, f"the bar never moved past 90 % while the job ran, up to {count:,} runs: {simulating[-3:]}"
    values = [x["value"] for x in simulating if x["value"] is not None]
    assert values == sorted(values), "the bar went backwards"
    print(f"    progress shown at {count:,} runs: {text}; last while running {late[-1]['text']}")


@check("a running simulation is cancelled from the page, which says so")
def cancel():
    type_into("simulation.runs", 20_000_000)
    wait_valid()
    css("#run-simulate").click()
    WebDriverWait(driver, 60).until(lambda d: not css("#progress").get_attribute("hidden"))
    job = css("#progress").get_attribute("data-job")
    css("#cancel-job").click()
    WebDriverWait(driver, 60).until(lambda d: css("#run-simulate").is_enabled())
    assert css("#message").text == "已取消计算。", css("#message").text
    assert css("#progress").get_attribute("hidden")
    with urllib.request.urlopen(f"{URL}/api/jobs/{job}", timeout=10) as response:
        assert json.loads(response.read())["state"] == "cancelled"
    type_into("simulation.runs", 50000)
    wait_valid()


@check("error messages in the page's language")
def errors_in_language():
    box = css("#yaml")
    before = box.get_attribute("value")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("version: 1\ntitle: [unclosed\n")
    css("#run-estimate").click()
    wait.until(lambda d: not css("#message").get_attribute("hidden"))
    assert css("#message").text.startswith("情景有 1 处错误"), css("#message").text
    css("#lang-toggle").click()
    wait.until(lambda d: css("#run-estimate").text == "Estimate")
    css("#run-estimate").click()
    wait.until(lambda d: css("#message").text.startswith("The scenario has 1 error(s)"))
    css("#fee-amount").clear()
    css("#fee-amount").send_keys("ten thousand")
    css("#fee-calc").click()
    wait.until(lambda d: css("#fee-error").text.startswith("The request is wrong: amount:"))
    css("#lang-toggle").click()
    wait.until(lambda d: css("#run-estimate").text == "点估计")
    # switching the language rewrites the message shown and the calculator's error
    wait.until(lambda d: css("#message").text.startswith("情景有 1 处错误"))
    wait.until(lambda d: css("#fee-error").text.startswith("请求有误："))
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", box, before)
    wait_valid()


@check("fee calculator: every figure equals `damages fees AMOUNT --format json`, 30万 as a lawyer writes it")
def fees():
    for amount, procedure in [("30万", "ordinary"), ("¥1,234,567", "summary"), ("8000", "ordinary")]:
        css("#fee-amount").clear()
        css("#fee-amount").send_keys(amount)
        Select(css("#fee-procedure")).select_by_value(procedure)
        css("#fee-calc").click()
        extra = ["--summary"] if procedure == "summary" else []
        expected = json.loads(damages("fees", amount, *extra, "--format", "json"))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#fee-table")
                   and css("#fee-table").get_attribute("data-claim") == str(int(expected["claim"])))
        shown = cells("#fee-table")
        assert same_number(shown["fee"][0], expected["fee"]) and shown["fee"][1] == f"{expected['fee']:.2f}", shown["fee"]
        assert len(shown) == len(expected["brackets"]) + 1, shown
        for i, b in enumerate(expected["brackets"]):
            assert same_number(shown[f"brackets[{i}].amount"][0], b["amount"]), (i, shown, b)
    print(f"    screenshot: {screenshot('fees-zh.png')}")


@check("malformed YAML typed into the editor: a clear message, and the page keeps working")
def malformed():
    box = css("#yaml")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("version: 1\ntitle: [unclosed\n")
    css("#run-estimate").click()
    wait.until(lambda d: not css("#message").get_attribute("hidden"))
    assert "scenario.yaml:" in css("#message").text, css("#message").text
    assert driver.find_elements(By.CSS_SELECTOR, "#diagnostics li")


@check("a bundled scenario opens in one click and estimates the court's award")
def bundled():
    css('#bundled-list button[data-scenario="bic-2023-11279-li-v-liu.yaml"]').click()
    wait.until(lambda d: "京0491民初11279" in css("#yaml").get_attribute("value"))
    wait.until(lambda d: "李某某" in field("title").get_attribute("value"))
    wait_valid()
    css("#run-estimate").click()
    wait.until(lambda d: css("#message").get_attribute("hidden"))
    wait.until(lambda d: "李某某" in css("#results-title").text)
    award = cells("#estimate-table")["award"]
    assert award == ("500", "500"), award


@check("claim optimiser: the best claim and the curve equal `damages claim --format json`; its chart loads")
def claim():
    css('#bundled-list button[data-scenario="gzic-2024-113-ultraman-tab.yaml"]').click()
    wait.until(lambda d: css("#bundled").get_attribute("value") == "gzic-2024-113-ultraman-tab.yaml")
    wait_valid()
    type_into("simulation.runs", 20000)
    wait_valid()
    path = os.path.join(OUT, "claim.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(css("#yaml").get_attribute("value"))
    css("#run-claim").click()
    WebDriverWait(driver, 180).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#claim-table td[data-key]"))
    expected = json.loads(damages("claim", path, "--format", "json"))
    css("#results-body details summary").click()  # the curve, folded under the best claim
    shown = cells("#claim-table")
    shown.update(cells("#curve-table"))
    assert "best.claim" in shown and "as_claimed.claim" in shown, shown.keys()
    assert len(shown) >= 50, len(shown)
    for key, (value, text) in shown.items():
        head, field_name = key.rsplit(".", 1)
        if head.startswith("curve["):
            want = expected["curve"][int(head[6:-1])][field_name]
        else:
            want = expected[head][field_name]
        assert same_number(value, want), f"{key}: page {value}, command {want}"
        if field_name in ("fee", "expected_fee_share"):
            cents = math.floor(abs(want) * 100 + 0.5)  # to the fen, half away from zero, as the tables
            assert text == f"{cents // 100:,}.{cents % 100:02d}", f"{key}: shown {text}, command {want}"
        else:
            assert text.replace(" ◀", "") == grouped(want), f"{key}: shown {text}, command {grouped(want)}"
    wait.until(lambda d: d.execute_script(
        "const i = document.querySelector('img[data-chart=claim]'); return i && i.complete && i.naturalWidth > 0"))
    print(f"    screenshot: {screenshot('claim-zh.png')}")


@check("downloads are named after the scenario's case number and the analysis")
def download_names():
    # the scenario of the claim check above: (2024) 粤0192民初113
    css("#run-estimate").click()
    wait.until(lambda d: "estimate-table" in css("#results-body").get_attribute("innerHTML"))
    excel = css("#dl-excel").is_selected()
    css("#dl-csv").click()
    target = os.path.join(DOWNLOADS, "粤0192民初113-estimate.csv")
    deadline = time.time() + 30
    while time.time() < deadline and not (os.path.exists(target) and os.path.getsize(target) > 0):
        time.sleep(0.1)
    assert os.path.exists(target), f"not in {DOWNLOADS}: {os.listdir(DOWNLOADS)}"
    time.sleep(0.3)
    want = damages("estimate", os.path.join(OUT, "claim.yaml"), "--format", "csv", "--lang", "zh",
                   *(["--excel"] if excel else []), text=False)
    assert open(target, "rb").read() == want
    css("#dl-yaml").click()
    target = os.path.join(DOWNLOADS, "粤0192民初113.yaml")
    deadline = time.time() + 30
    while time.time() < deadline and not os.path.exists(target):
        time.sleep(0.1)
    assert os.path.exists(target), f"not in {DOWNLOADS}: {os.listdir(DOWNLOADS)}"


@check("every bundled scenario survives the form: rewritten from the form, it estimates the same")
def round_trip():
    names = [b.get_attribute("data-scenario") for b in driver.find_elements(By.CSS_SELECTOR, "#bundled-list button")]
    for name in names:
        css(f'#bundled-list button[data-scenario="{name}"]').click()
        wait.until(lambda d: css("#bundled").get_attribute("value") == name)
        wait_valid()
        seed = field("simulation.seed").get_attribute("value")
        type_into("simulation.seed", seed)  # any edit in the form rewrites the YAML from the form
        wait.until(lambda d: not css("#yaml").get_attribute("value").startswith("#"))
        wait_valid()
        rewritten = css("#yaml").get_attribute("value").encode()
        request = urllib.request.Request(URL + "/api/estimate", data=rewritten, method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            got = response.read().decode()
        want = damages("estimate", os.path.join("scenarios", name), "--format", "json")
        assert got == want, f"{name}: the rewritten scenario estimates differently"


@check("sweep and sensitivity show their tables and charts")
def sweep_and_sensitivity():
    css('#bundled-list button[data-scenario="template-illegal-use.yaml"]').click()
    wait.until(lambda d: css("#bundled").get_attribute("value") == "template-illegal-use.yaml")
    wait_valid()
    type_into("simulation.runs", 5000)
    wait_valid()
    css("#run-sweep").click()
    WebDriverWait(driver, 180).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sweep-table td[data-key]"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#sweep-table tr")
    assert len(rows) == 21, f"{len(rows) - 1} sweep points shown, 20 expected"
    wait.until(lambda d: d.execute_script(
        "const i = document.querySelector('img[data-chart=sweep]'); return i && i.complete && i.naturalWidth > 0"))
    print(f"    screenshot: {screenshot('sweep.png')}")
    css("#run-sensitivity").click()
    WebDriverWait(driver, 180).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#tornado-table td[data-key]"))
    assert driver.find_elements(By.CSS_SELECTOR, "#rank-table td[data-key]")
    wait.until(lambda d: d.execute_script(
        "const i = document.querySelector('img[data-chart=tornado]'); return i && i.complete && i.naturalWidth > 0"))
    tornado_labels("zh")
    print(f"    screenshot: {screenshot('sensitivity-zh.png')}")
    # a scenario with defences: their labels are long, and must not be cut
    css('#bundled-list button[data-scenario="template-repetitive-generation.yaml"]').click()
    wait.until(lambda d: css("#bundled").get_attribute("value") == "template-repetitive-generation.yaml")
    wait_valid()
    type_into("simulation.runs", 5000)
    wait_valid()
    css("#run-sensitivity").click()
    WebDriverWait(driver, 180).until(lambda d: "技术局限" in css("#results-body").text)
    labels = tornado_labels("zh")
    assert "抗辩：技术局限" in labels, labels
    css("#lang-toggle").click()
    wait.until(lambda d: css("#run-estimate").text == "Estimate")
    labels = tornado_labels("en")
    assert "Defence: technology limit" in labels, labels
    print(f"    screenshot: {screenshot('sensitivity-en.png')}")
    css("#lang-toggle").click()
    wait.until(lambda d: css("#run-estimate").text == "点估计")
    css('#bundled-list button[data-scenario="bic-2023-11279-li-v-liu.yaml"]').click()
    wait_valid()
    css("#run-estimate").click()
    wait.until(lambda d: "李某某" in css("#results-title").text)


@check("English labels, switchable; screenshot")
def english():
    css("#lang-toggle").click()
    wait.until(lambda d: css("#run-estimate").text == "Estimate")
    wait.until(lambda d: "Award" in css("#estimate-table").text)
    print(f"    screenshot: {screenshot('page-en.png')}")
    css("#lang-toggle").click()


@check("no errors in the browser console")
def console():
    errors = [e for e in driver.get_log("browser")
              if e["level"] == "SEVERE" and "favicon" not in e["message"] and " 422 " not in e["message"]
              and "Unprocessable" not in e["message"]
              and not ("/api/fees" in e["message"] and "status of 400" in e["message"])]
    assert not errors, errors


@check("a request naming a foreign host (DNS rebinding) is refused with 403")
def foreign_host():
    request = urllib.request.Request(URL + "/api/info", headers={"Host": "attacker.example"})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("answered")
    except urllib.error.HTTPError as error:
        assert error.code == 403, error.code
        assert json.loads(error.read())["error"] == "foreign-host"


@check(f"load: {args.requests} estimate requests from {args.clients} concurrent clients all succeed")
def load():
    body = open(case_yaml, "rb").read()
    want = damages("estimate", case_yaml, "--format", "json").encode()
    latencies, problems, lock = [], [], threading.Lock()
    remaining = list(range(args.requests))
    deadline = time.time() + 120

    def client():
        while time.time() < deadline:
            with lock:
                if not remaining:
                    return
                remaining.pop()
            request = urllib.request.Request(URL + "/api/estimate", data=body, method="POST")
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    got, status = response.read(), response.status
            except urllib.error.URLError as error:
                got, status = str(error).encode(), -1
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200 or got != want:
                    problems.append((status, got[:200]))

    started = time.time()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - started
    assert not problems, f"{len(problems)} failed: {problems[:3]}"
    assert len(latencies) == args.requests, f"only {len(latencies)} of {args.requests} ran in time"
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]
    figures = (f"{len(ordered)} requests, {args.clients} clients, {wall:.2f} s: "
               f"median {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
               f"max {ordered[-1] * 1000:.1f} ms, {len(ordered) / wall:.0f} requests/s")
    print(f"    load: {figures}")
    with open(os.path.join(OUT, "load.txt"), "w") as f:
        f.write(figures + "\n")


driver.quit()
print(f"e2e: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
