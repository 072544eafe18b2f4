extension Page {
  /// The page's style sheet: system fonts (CJK included), black and grey like the charts.
  static let style = #"""
    :root { --ink: #1a1a1a; --muted: #5f5f5f; --line: #cfcfcf; --bg: #fafafa; --accent: #1f4e79; --bad: #b00020; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1400px; padding: 12px 20px 40px; color: var(--ink); background: #fff;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
    header { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 8px;
      border-bottom: 2px solid var(--ink); padding-bottom: 6px; }
    h1 { font-size: 20px; margin: 0; } h1 small { color: var(--muted); font-weight: normal; font-size: 13px; }
    h2 { font-size: 16px; margin: 4px 0 6px; } h3 { font-size: 14px; margin: 14px 0 4px; }
    .header-tools { display: flex; gap: 10px; align-items: center; }
    #bundled { max-width: 380px; }
    .disclaimer { color: var(--muted); font-size: 12px; margin: 4px 0; }
    .bundled-list { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 10px; }
    .bundled-list button { font-size: 12px; padding: 2px 8px; background: var(--bg); }
    .panes { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); gap: 16px; }
    @media (max-width: 900px) { .panes { grid-template-columns: 1fr; } }
    .pane { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fff; }
    .hint { color: var(--muted); font-size: 12px; margin: 2px 0 8px; }
    fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 10px; padding: 6px 10px 8px; }
    legend { font-weight: 600; padding: 0 4px; }
    .field { display: grid; grid-template-columns: 11em minmax(0, 1fr); gap: 6px; align-items: start; margin: 3px 0; }
    .field > label { padding-top: 3px; }
    .field .control { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
    .field.invalid input, .field.invalid select, tr.invalid input, tr.invalid select { border-color: var(--bad); background: #fff5f5; }
    .warning { border-left: 4px solid var(--bad); padding: 6px 10px; font-weight: 600; }
    .field-error { display: block; width: 100%; color: var(--bad); font-size: 12px; }
    .field-error:empty { display: none; }
    input, select, textarea, button { font: inherit; }
    input[type=number], input.num { width: 7.5em; } input.wide { width: 100%; }
    .param { display: inline-flex; gap: 3px; align-items: center; font-size: 12px; color: var(--muted); }
    .param input { color: var(--ink); }
    .checks { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 10px; font-size: 13px; }
    table.rows { border-collapse: collapse; width: 100%; margin: 4px 0; font-size: 13px; }
    table.rows td, table.rows th { padding: 2px 4px; border-bottom: 1px solid #eee; text-align: left; }
    table.rows input, table.rows select { width: 100%; }
    textarea#yaml { width: 100%; min-height: 560px; font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace;
      border: 1px solid var(--line); border-radius: 4px; padding: 6px; tab-size: 2; }
    .status { font-size: 12px; color: var(--muted); min-height: 1.4em; }
    .status.ok { color: #2e6b2e; } .status.bad { color: var(--bad); }
    .diagnostics { margin: 4px 0; padding-left: 18px; color: var(--bad); font-size: 12px; }
    .diagnostics li { cursor: pointer; } .diagnostics code { color: var(--ink); }
    #actions { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 8px; align-items: center;
      margin: 14px 0 8px; padding: 8px 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); position: sticky; top: 0; background: #fff; z-index: 2; }
    .buttons { display: flex; gap: 8px; }
    button { padding: 4px 12px; border: 1px solid #888; border-radius: 4px; background: #fff; cursor: pointer; }
    button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
    button:disabled { opacity: .5; cursor: wait; }
    .run-options { display: flex; gap: 12px; align-items: center; }
    .message { border: 1px solid var(--bad); background: #fff5f5; color: var(--bad); padding: 6px 10px; border-radius: 4px; margin: 6px 0; white-space: pre-line; }
    .message.info { border-color: var(--line); background: var(--bg); color: var(--ink); }
    #cancel-job { margin-left: 8px; }
    #fees-panel { margin-top: 18px; } .fee-form { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; }
    #fee-amount { width: 12em; } #fee-error { white-space: pre-line; margin: 4px 0; } details summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
    .progress { margin: 6px 0; } .progress progress { width: 320px; vertical-align: middle; }
    .results-head { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 8px; }
    .downloads { display: flex; gap: 6px; align-items: center; } .excel { font-size: 12px; }
    table.report { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
    table.report th, table.report td { border-bottom: 1px solid #e2e2e2; padding: 3px 10px; }
    table.report th { background: #f1f1f1; text-align: right; } table.report th:first-child { text-align: left; }
    table.report td { text-align: right; font-variant-numeric: tabular-nums; } table.report td:first-child { text-align: left; }
    tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
    ol.steps { padding-left: 26px; } ol.steps li { margin: 4px 0; }
    .rule { font-weight: 700; margin-right: 4px; } .source { color: var(--muted); font-size: 12px; display: block; }
    .amount { font-variant-numeric: tabular-nums; margin-left: 6px; }
    .charts { display: flex; flex-wrap: wrap; gap: 12px; } .charts img { max-width: 100%; width: 640px; border: 1px solid #eee; }
    .result-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
    @media (max-width: 1000px) { .result-grid { grid-template-columns: 1fr; } }
    footer { margin-top: 30px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 6px; }
    """#
}
