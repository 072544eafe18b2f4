extension Page {
  /// The page's markup. Labels carry `data-t` keys that the script fills in the chosen
  /// language; the form is built by the script from its list of fields.
  static let html = #"""
    <!doctype html>
    <html lang="zh">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>DamagesKit</title>
    <link rel="stylesheet" href="/app.css">
    </head>
    <body>
    <header>
      <h1><span data-t="appTitle"></span> <small>DamagesKit</small></h1>
      <div class="header-tools">
        <label><span data-t="bundled"></span>
          <select id="bundled"><option value="" data-t="choose"></option></select></label>
        <button type="button" id="lang-toggle"></button>
      </div>
    </header>
    <p class="disclaimer" data-t="disclaimer"></p>
    <div id="bundled-list" class="bundled-list"></div>
    <main class="panes">
      <section id="form-pane" class="pane">
        <h2 data-t="formTitle"></h2>
        <p class="hint" data-t="formHint"></p>
        <form id="case-form" autocomplete="off" onsubmit="return false"></form>
      </section>
      <section id="yaml-pane" class="pane">
        <h2 data-t="yamlTitle"></h2>
        <p class="hint" data-t="yamlHint"></p>
        <textarea id="yaml" spellcheck="false" wrap="off" aria-label="YAML"></textarea>
        <div id="yaml-status" class="status"></div>
        <ul id="diagnostics" class="diagnostics"></ul>
      </section>
    </main>
    <section id="actions">
      <div class="buttons">
        <button type="button" id="run-estimate" data-t="estimate" class="primary"></button>
        <button type="button" id="run-simulate" data-t="simulate" class="primary"></button>
        <button type="button" id="run-sweep" data-t="sweep"></button>
        <button type="button" id="run-sensitivity" data-t="sensitivity"></button>
        <button type="button" id="run-claim" data-t="claimOpt"></button>
      </div>
      <div class="run-options">
        <span id="limits" class="hint"></span>
      </div>
    </section>
    <div id="message" class="message" role="alert" hidden></div>
    <div id="progress" class="progress" hidden>
      <progress id="progress-bar" max="1" value="0"></progress> <span id="progress-text"></span>
      <button type="button" id="cancel-job" data-t="cancel"></button>
    </div>
    <section id="results" hidden>
      <div class="results-head">
        <h2 id="results-title"></h2>
        <div class="downloads">
          <span data-t="download"></span>
          <button type="button" id="dl-csv">CSV</button>
          <label class="excel"><input type="checkbox" id="dl-excel"> <span data-t="excel"></span></label>
          <button type="button" id="dl-md">Markdown</button>
          <button type="button" id="dl-yaml" data-t="scenarioYaml"></button>
        </div>
      </div>
      <div id="results-body"></div>
    </section>
    <section id="fees-panel" class="pane">
      <h2 data-t="feesTitle"></h2>
      <form id="fee-form" class="fee-form" autocomplete="off">
        <label><span data-t="feeAmount"></span> <input id="fee-amount" inputmode="decimal" placeholder="300000"></label>
        <label><span data-t="feeProcedure"></span>
          <select id="fee-procedure"><option value="ordinary" data-t="ordinary"></option><option value="summary" data-t="summary"></option></select></label>
        <button type="submit" id="fee-calc" data-t="feeCalc"></button>
        <span class="hint" data-t="feeHint"></span>
      </form>
      <div id="fee-error" class="field-error" role="alert"></div>
      <div id="fee-result"></div>
    </section>
    <footer data-t="footer"></footer>
    <script src="/app.js"></script>
    </body>
    </html>
    """#
}
