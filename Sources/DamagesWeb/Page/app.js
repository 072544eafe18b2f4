'use strict';
const T = {
  zh: {
    appTitle: '著作权损害赔偿估算', bundled: '内置情景', choose: '— 选择 —',
    disclaimer: '数值为依法律模型得出的估算，供准备案件之用，并非法律意见。',
    formTitle: '案件表单', formHint: '修改表单会重写右侧 YAML（注释不保留）；表单未涵盖的键（相关性、选项、参数扫描等）原样保留。',
    yamlTitle: '情景 YAML', yamlHint: '发送到服务器的是这里的 YAML；修改后表单随之更新（尽力而为）。',
    estimate: '点估计', simulate: '蒙特卡洛模拟', sweep: '参数扫描', sensitivity: '敏感性分析',
    runs: '模拟次数', seed: '随机种子', download: '下载：', excel: 'Excel（带 BOM）', scenarioYaml: '情景 YAML',
    footer: 'DamagesKit · 本页面由本地 damages serve 提供，不从互联网加载任何内容。',
    sCase: '案件', sFacts: '事实（数额：数字或分布）', sProbs: '证明与过错（概率 0–1，或 true/false）',
    sLiability: '责任要件', sDefenses: '抗辩', sDefendants: '被告', sSimulation: '模拟',
    title: '标题', act: '行为', claimant: '权利人', rights: '受侵害的权利', route: '请求路径', procedure: '程序', claim: '诉讼请求（元）', infringement_date: '侵权开始日期',
    actual_loss: '实际损失', illegal_gains: '违法所得', license_fee: '许可使用费', statutory_award: '法定赔偿', statutory_award_per_work: '每件作品的法定赔偿', works: '作品件数', infringement_end: '侵权结束日期', part: '连带部分（比例）',
    multiplier: '惩罚性赔偿倍数', mental_distress: '精神损害抚慰金', expenses: '合理开支',
    'proven.actual_loss': '实际损失获证明', 'proven.illegal_gains': '违法所得获证明', 'proven.license_fee': '许可费获证明',
    intentional: '故意', serious: '情节严重', serious_mental_harm: '严重精神损害',
    work: '构成作品', infringement: '构成侵权', causation: '因果关系', fault: '过错',
    kind: '种类', success: '成功概率', defendant: '被告', name: '名称', role: '角色', form: '责任形态', share: '份额',
    add: '添加', remove: '删除', none: '（无）', number: '数字', otherDist: '（在 YAML 中编辑）',
    'illegal-use': '非法使用', 'repetitive-generation': '重复生成', 'generated-output': '生成物侵权',
    'natural-person': '自然人', 'legal-person': '法人', tort: '侵权', contract: '违约', compare: '比较两种路径',
    ordinary: '普通程序', summary: '简易程序',
    attribution: '署名权', publication: '发表权', modification: '修改权', integrity: '保护作品完整权',
    reproduction: '复制权', adaptation: '改编权', 'network-dissemination': '信息网络传播权', distribution: '发行权',
    exhibition: '展览权', 'other-economic': '其他财产权',
    uniform: '均匀', triangular: '三角', pert: 'PERT', normal: '正态', 'lognormal-median': '对数正态（中位数, σ）',
    'lognormal-p10': '对数正态（P10, P90）', gamma: '伽马',
    liable: '承担责任', basis: '赔偿依据', base: '赔偿基数', punitive: '惩罚性赔偿', compensation: '赔偿数额',
    award: '判赔总额', capped: '请求封顶', fee: '案件受理费', fee_share: '原告负担受理费', net_recovery: '净回收',
    yes: '是', no: '否', item: '项目', amount: '金额（元）', steps: '计算步骤', exposure: '可被请求', finalShare: '最终承担',
    mean: '均值', sd: '标准差', p5: 'P5', p25: 'P25', p50: '中位数', p75: 'P75', p95: 'P95', p99: 'P99', max: '最大值',
    p_liable: '承担责任的概率', p_positive: '判赔为正的概率', p_punitive: '适用惩罚性赔偿的概率', measure: '指标', value: '数值',
    'basis.actual_loss': '依据：实际损失', 'basis.illegal_gains': '依据：违法所得', 'basis.license_fee': '依据：许可使用费',
    'basis.statutory': '依据：法定赔偿', 'basis.none': '依据：无', 'basis.liquidated_damages': '依据：违约金',
    tortRoute: '侵权之诉', contractRoute: '违约之诉', recommended: '建议路径',
    estimateTitle: '点估计', simulateTitle: '模拟', sweepTitle: '参数扫描', sensitivityTitle: '敏感性分析',
    runsSeed: (r, s) => `模拟 ${r} 次，随机种子 ${s}`, queued: '排队等待空闲的计算核心…', running: '计算中',
    valid: '情景有效', invalid: (n) => `情景有 ${n} 处错误`, checking: '检查中…',
    input: '输入', low: '最低', high: '最高', swing: '摆幅', monotone: '单调', rho: '与判赔的秩相关系数',
    tornado: '龙卷风图（否→是，P10 至 P90；其他按模拟抽取）', rankCorr: '秩相关', baseAward: '期望判赔',
    netMean: '净回收均值', pLiable: '责任概率', langButton: 'English',
    limits: (r, w) => `每次模拟至多 ${r} 次 · ${w} 个计算核心`,
    'not-a-work': '不构成作品', 'fair-use': '合理使用', consent: '用户同意', 'third-party-fault': '第三人过错',
    'technology-limit': '技术局限', 'safe-harbor': '避风港（及时删除）',
    infringer: '侵权人', provider: 'AI 服务提供者', designer: 'AI 设计者', platform: '网络平台', employer: '用人单位',
    sole: '单独责任', joint: '共同侵权（连带）', sufficient: '分别侵权、均足以造成全部损害（连带）',
    proportional: '分别侵权（按份）', vicarious: '用人单位替代责任', 'notice-ignored': '接到通知后未及时采取措施',
    knew: '知道或应当知道',
    claimOpt: '最优诉请金额', claimTitle: '最优诉请金额', fees: '受理费计算', feesTitle: '案件受理费计算（R10）',
    feeAmount: '诉讼请求金额', feeProcedure: '程序', feeCalc: '计算受理费', feeHint: '可写 300000、30万、¥300,000。',
    bracket: '区间（元）', rate: '费率', flat50: '定额50元', feeTotal: '受理费合计', halved: '（简易程序减半）',
    bestClaim: '最优请求金额', asClaimed: '按情景中的请求金额', expectedAward: '预期判赔', expectedFeeShare: '预期负担受理费',
    expectedNet: '预期净回收', claimAmount: '请求金额', claimHint: '请求金额越高，判赔封顶越宽松，但受理费越高、部分胜诉时原告负担越多；下表为各请求金额的预期净回收。',
    cancel: '取消', cancelled: '已取消计算。', cancelling: '正在取消…',
    'phase.simulating': '模拟中', 'phase.summarising': '汇总中：计算百分位数与各项统计（最后一步）',
    'phase.queued': '排队等待空闲的计算核心…',
    'err.invalid-scenario': (n) => `情景有 ${n} 处错误，请按下列提示修改：`,
    'err.bad-request': '请求有误：', 'err.too-large': '情景文件过大：', 'err.not-found': '未找到：',
    'err.not-ready': '结果尚未就绪：', 'err.busy': '服务器正忙，已有过多计算在排队，请稍后再试。',
    'err.foreign-host': '本服务器只接受本机地址的访问。', 'err.cross-site': '本服务器只接受其自身页面发出的请求。',
    'err.internal': '计算出错（内部错误）：', 'err.network': '无法连接本地服务器（damages serve 是否仍在运行？）',
    'err.failed': '计算失败：', 'err.http': (n) => `服务器返回错误 ${n}`, 'err.detail': '详情（英文）：',
  },
  en: {
    appTitle: 'Copyright damages estimator', bundled: 'Bundled scenarios', choose: '— choose —',
    disclaimer: 'The numbers are estimates from a model of the law, for preparing a case; they are not legal advice.',
    formTitle: 'The case', formHint: 'Editing the form rewrites the YAML on the right (comments are not kept); keys the form does not cover (correlations, options, sweep…) are kept as they are.',
    yamlTitle: 'Scenario YAML', yamlHint: 'This YAML is what is sent to the server; editing it updates the form (best effort).',
    estimate: 'Estimate', simulate: 'Simulate', sweep: 'Sweep', sensitivity: 'Sensitivity',
    runs: 'Runs', seed: 'Seed', download: 'Download:', excel: 'for Excel (BOM)', scenarioYaml: 'Scenario YAML',
    footer: 'DamagesKit · served by your local damages serve; nothing is loaded from the internet.',
    sCase: 'Case', sFacts: 'Facts (amounts: a number or a distribution)', sProbs: 'Proof and fault (probability 0–1, or true/false)',
    sLiability: 'Liability elements', sDefenses: 'Defences', sDefendants: 'Defendants', sSimulation: 'Simulation',
    title: 'Title', act: 'Act', claimant: 'Claimant', rights: 'Rights infringed', route: 'Route', procedure: 'Procedure', claim: 'Claim (yuan)', infringement_date: 'Infringement began',
    actual_loss: 'Actual loss', illegal_gains: 'Illegal gains', license_fee: 'License fee', statutory_award: 'Statutory award', statutory_award_per_work: 'Statutory award per work', works: 'Works infringed', infringement_end: 'Infringement ended', part: 'Joint part (fraction)',
    multiplier: 'Punitive multiplier', mental_distress: 'Mental distress', expenses: 'Expenses',
    'proven.actual_loss': 'Loss proven', 'proven.illegal_gains': 'Gains proven', 'proven.license_fee': 'License fee proven',
    intentional: 'Intentional', serious: 'Serious circumstances', serious_mental_harm: 'Serious mental harm',
    work: 'A work', infringement: 'Infringement', causation: 'Causation', fault: 'Fault',
    kind: 'Kind', success: 'Success', defendant: 'Defendant', name: 'Name', role: 'Role', form: 'Form', share: 'Share',
    add: 'Add', remove: 'Remove', none: '(none)', number: 'number', otherDist: '(edit in the YAML)',
    'illegal-use': 'illegal use', 'repetitive-generation': 'repetitive generation', 'generated-output': 'generated output',
    'natural-person': 'natural person', 'legal-person': 'legal person', tort: 'tort', contract: 'contract', compare: 'compare both',
    ordinary: 'ordinary', summary: 'summary',
    attribution: 'attribution', publication: 'publication', modification: 'modification', integrity: 'integrity',
    reproduction: 'reproduction', adaptation: 'adaptation', 'network-dissemination': 'network dissemination', distribution: 'distribution',
    exhibition: 'exhibition', 'other-economic': 'other economic',
    uniform: 'uniform', triangular: 'triangular', pert: 'PERT', normal: 'normal', 'lognormal-median': 'lognormal (median, σ)',
    'lognormal-p10': 'lognormal (P10, P90)', gamma: 'gamma',
    liable: 'Liable', basis: 'Basis', base: 'Base', punitive: 'Punitive', compensation: 'Compensation',
    award: 'Award', capped: 'Claim cap bound', fee: 'Acceptance fee', fee_share: "Claimant's fee share", net_recovery: 'Net recovery',
    yes: 'yes', no: 'no', item: 'Item', amount: 'Amount (yuan)', steps: 'Steps', exposure: 'exposure', finalShare: 'share',
    mean: 'Mean', sd: 'SD', p5: 'P5', p25: 'P25', p50: 'P50', p75: 'P75', p95: 'P95', p99: 'P99', max: 'Max',
    p_liable: 'Probability of liability', p_positive: 'Probability of a positive award', p_punitive: 'Probability of punitive damages', measure: 'Measure', value: 'Value',
    'basis.actual_loss': 'Basis: actual loss', 'basis.illegal_gains': 'Basis: illegal gains', 'basis.license_fee': 'Basis: license fee',
    'basis.statutory': 'Basis: statutory damages', 'basis.none': 'Basis: none', 'basis.liquidated_damages': 'Basis: liquidated damages',
    tortRoute: 'Tort route', contractRoute: 'Contract route', recommended: 'Recommended route',
    estimateTitle: 'Estimate', simulateTitle: 'Simulation', sweepTitle: 'Sweep', sensitivityTitle: 'Sensitivity',
    runsSeed: (r, s) => `${r} runs, seed ${s}`, queued: 'waiting for a free core…', running: 'running',
    valid: 'The scenario is valid', invalid: (n) => `The scenario has ${n} error(s)`, checking: 'checking…',
    input: 'Input', low: 'Low', high: 'High', swing: 'Swing', monotone: 'Monotone', rho: 'Spearman ρ with the award',
    tornado: 'Tornado (false → true, P10 to P90; the others drawn)', rankCorr: 'Rank correlations', baseAward: 'expected award',
    netMean: 'Net mean', pLiable: 'P(liable)', langButton: '中文',
    limits: (r, w) => `at most ${r} runs per simulation · ${w} worker(s)`,
    'not-a-work': 'not a work', 'fair-use': 'fair use', consent: 'consent', 'third-party-fault': 'third-party fault',
    'technology-limit': 'technology limit', 'safe-harbor': 'safe harbour (taken down in time)',
    infringer: 'infringer', provider: 'AI provider', designer: 'AI designer', platform: 'platform', employer: 'employer',
    sole: 'sole', joint: 'joint (jointly and severally)', sufficient: 'separate, each sufficient (jointly and severally)',
    proportional: 'separate, proportional', vicarious: 'vicarious (employer)', 'notice-ignored': 'notice ignored',
    knew: 'knew or should have known',
    claimOpt: 'Best claim', claimTitle: 'Best amount to claim', fees: 'Fee calculator', feesTitle: 'Acceptance fee (R10)',
    feeAmount: 'Amount claimed', feeProcedure: 'Procedure', feeCalc: 'Compute the fee', feeHint: 'Write 300000, 30万 or ¥300,000.',
    bracket: 'Bracket (yuan)', rate: 'Rate', flat50: 'flat 50', feeTotal: 'Acceptance fee', halved: ' (halved, summary procedure)',
    bestClaim: 'Best claim', asClaimed: 'As claimed in the scenario', expectedAward: 'Expected award', expectedFeeShare: 'Expected fee share',
    expectedNet: 'Expected net recovery', claimAmount: 'Claim', claimHint: 'A higher claim caps the award less, but costs a higher fee, of which the claimant bears more on a partial win; the table gives the expected net recovery of each claim.',
    cancel: 'Cancel', cancelled: 'The computation was cancelled.', cancelling: 'cancelling…',
    'phase.simulating': 'simulating', 'phase.summarising': 'summarising: percentiles and statistics (the last step)',
    'phase.queued': 'waiting for a free core…',
    'err.invalid-scenario': (n) => `The scenario has ${n} error(s); fix them as shown:`,
    'err.bad-request': 'The request is wrong: ', 'err.too-large': 'The scenario is too large: ', 'err.not-found': 'Not found: ',
    'err.not-ready': 'The result is not ready: ', 'err.busy': 'The server is busy: too many computations are waiting; try again shortly.',
    'err.foreign-host': 'This server answers only on its loopback address.', 'err.cross-site': 'This server takes work only from its own page.',
    'err.internal': 'The computation failed (internal error): ', 'err.network': 'The local server cannot be reached (is damages serve still running?)',
    'err.failed': 'The computation failed: ', 'err.http': (n) => `The server answered with error ${n}`, 'err.detail': '',
  },
};
// The sensitivity analysis's inputs as a person reads them: the words of the charts (the
// server's InputLabel), so that a table and its chart name each input alike.
const INPUTS = {
  'facts.actual_loss': ['实际损失', 'Actual loss'], 'facts.illegal_gains': ['违法所得', 'Illegal gains'],
  'facts.license_fee': ['许可使用费', 'License fee'], 'facts.license_fee_multiple': ['许可使用费倍数', 'License fee multiple'],
  'facts.statutory_award': ['法定赔偿', 'Statutory award'], 'facts.statutory_award_per_work': ['每件作品的法定赔偿', 'Statutory award per work'], 'facts.multiplier': ['惩罚性赔偿倍数', 'Punitive multiplier'],
  'facts.mental_harm_score': ['精神损害程度', 'Mental harm score'], 'facts.mental_distress': ['精神损害抚慰金', 'Mental distress'],
  'facts.expenses': ['合理开支', 'Expenses'], 'facts.liquidated_damages': ['违约金', 'Liquidated damages'],
  'facts.proven.actual_loss': ['证据：实际损失', 'Proof of actual loss'], 'facts.proven.illegal_gains': ['证据：违法所得', 'Proof of illegal gains'],
  'facts.proven.license_fee': ['证据：许可使用费', 'Proof of the license fee'], 'facts.intentional': ['故意', 'Intent'],
  'facts.serious': ['情节严重', 'Serious circumstances'], 'facts.serious_mental_harm': ['严重精神损害', 'Serious mental harm'],
  'liability.work': ['责任：构成作品', 'Liability: a work'], 'liability.infringement': ['责任：构成侵权', 'Liability: infringement'],
  'liability.causation': ['责任：因果关系', 'Liability: causation'], 'liability.fault': ['责任：过错', 'Liability: fault'],
};
const DEFENCE_NAMES = {
  'not-a-work': ['不构成作品', 'not a work'], 'fair-use': ['合理使用', 'fair use'], consent: ['用户同意', 'consent'],
  'third-party-fault': ['第三人过错', 'third-party fault'], 'technology-limit': ['技术局限', 'technology limit'], 'safe-harbor': ['避风港', 'safe harbour'],
};
function inputLabel(path) {
  const i = lang === 'zh' ? 0 : 1;
  const d = /^liability\.defenses\[\d+\]\.success \(([^)]+)\)$/.exec(path);
  if (d) return DEFENCE_NAMES[d[1]] ? (i ? 'Defence: ' : '抗辩：') + DEFENCE_NAMES[d[1]][i] : path;
  return INPUTS[path] ? INPUTS[path][i] : path;
}
let lang = localStorage.getItem('damages-lang') || 'zh';
const t = (k, ...a) => { const v = T[lang][k]; return typeof v === 'function' ? v(...a) : (v ?? k); };
const $ = (s) => document.querySelector(s);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
};

// ---- the scenario tree ----
let doc = {
  version: 1, title: '新案件 New case',
  case: { act: 'illegal-use', claimant: 'natural-person', rights: ['attribution', 'network-dissemination'], route: 'tort' },
  facts: { statutory_award: { dist: 'uniform', min: 500, max: 50000 }, expenses: 2000 },
  liability: { work: 0.9, infringement: 0.9, fault: 0.8 },
  simulation: { runs: 100000, seed: 1 },
};
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function getPath(path) { let v = doc; for (const k of path.split('.')) { if (!isObj(v)) return undefined; v = v[k]; } return v; }
function setPath(path, value) {
  const keys = path.split('.'); let v = doc;
  for (const k of keys.slice(0, -1)) { if (!isObj(v[k])) v[k] = {}; v = v[k]; }
  const last = keys[keys.length - 1];
  if (value === undefined) { delete v[last]; prune(keys.slice(0, -1)); } else v[last] = value;
}
function prune(keys) {
  for (let n = keys.length; n > 0; n--) {
    const p = keys.slice(0, n).join('.'); const v = getPath(p);
    if (isObj(v) && Object.keys(v).length === 0 && n > 1) setPath(p, undefined); else break;
  }
}

// ---- YAML writing (the reader is the server's) ----
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
function scalar(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  return /^[A-Za-z_][A-Za-z0-9_.\-]*$/.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}
function flow(v) {
  if (Array.isArray(v)) return '[' + v.map(flow).join(', ') + ']';
  if (isObj(v)) return '{' + Object.entries(v).map(([k, x]) => scalar(k) + ': ' + flow(x)).join(', ') + '}';
  return scalar(v);
}
function toYAML(obj, depth = 0) {
  const pad = '  '.repeat(depth); let out = '';
  for (const [k, v] of Object.entries(obj)) {
    if (isObj(v) && !('dist' in v) && !('from' in v) && depth < 2 && Object.keys(v).length > 0) {
      out += `${pad}${scalar(k)}:\n` + toYAML(v, depth + 1);
    } else if (Array.isArray(v) && v.some((x) => isObj(x) || Array.isArray(x))) {
      out += `${pad}${scalar(k)}:\n` + v.map((x) => `${pad}  - ${flow(x)}\n`).join('');
    } else {
      out += `${pad}${scalar(k)}: ${flow(v)}\n`;
    }
  }
  return out;
}

// ---- the form ----
const ACTS = ['illegal-use', 'repetitive-generation', 'generated-output'];
const RIGHTS = ['attribution', 'publication', 'modification', 'integrity', 'reproduction', 'adaptation',
  'network-dissemination', 'distribution', 'exhibition', 'other-economic'];
const DISTS = { uniform: ['min', 'max'], triangular: ['min', 'mode', 'max'], pert: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'], 'lognormal-median': ['median', 'sigma'], 'lognormal-p10': ['p10', 'p90'], gamma: ['shape', 'scale'] };
const FACTS = ['actual_loss', 'illegal_gains', 'license_fee', 'statutory_award', 'statutory_award_per_work', 'multiplier', 'mental_distress', 'expenses'];
const PROBS = ['proven.actual_loss', 'proven.illegal_gains', 'proven.license_fee', 'intentional', 'serious', 'serious_mental_harm'];
const ELEMENTS = ['work', 'infringement', 'causation', 'fault'];
const DEFENSES = ['not-a-work', 'fair-use', 'consent', 'third-party-fault', 'technology-limit', 'safe-harbor'];
const ROLES = ['infringer', 'provider', 'designer', 'platform', 'employer'];
const FORMS = ['sole', 'joint', 'sufficient', 'proportional', 'vicarious', 'notice-ignored', 'knew'];

const num = (s) => { const x = String(s).trim(); if (x === '') return undefined; const n = Number(x); return Number.isFinite(n) ? n : x; };
const prob = (s) => { const x = String(s).trim(); return x === 'true' ? true : x === 'false' ? false : num(x); };
function distKind(v) {
  if (v === undefined) return '';
  if (typeof v === 'number') return 'number';
  if (!isObj(v)) return 'other';
  if (v.dist === 'lognormal') return 'median' in v ? 'lognormal-median' : 'p10' in v ? 'lognormal-p10' : 'other';
  return v.dist in DISTS && DISTS[v.dist].every((p) => p in v) ? v.dist : 'other';
}
function field(path, labelKey, control) {
  return el('div', { class: 'field', 'data-field': path },
    el('label', { text: t(labelKey) }), el('div', { class: 'control' }, control, el('span', { class: 'field-error' })));
}
function changed() { writeYAML(); scheduleCheck(); }
function selectFor(path, options, { optional = false } = {}) {
  const s = el('select', { name: path, onchange: () => { setPath(path, s.value || undefined); changed(); } },
    optional ? el('option', { value: '', text: t('none') }) : null,
    options.map((o) => el('option', { value: o, text: t(o) })));
  s.value = getPath(path) ?? ''; return s;
}
function inputFor(path, parse, attrs = {}) {
  const i = el('input', { name: path, ...attrs, oninput: () => { setPath(path, parse(i.value)); changed(); } });
  const v = getPath(path); i.value = v === undefined ? '' : String(v); return i;
}
function distControl(fact) {
  const path = 'facts.' + fact; const box = el('span', { class: 'dist' });
  const draw = () => {
    box.replaceChildren();
    const v = getPath(path); const kind = distKind(v);
    const s = el('select', { name: path + '.kind', onchange: () => {
      const old = getPath(path); const k = s.value;
      if (k === '') setPath(path, undefined);
      else if (k === 'number') setPath(path, typeof old === 'number' ? old : (isObj(old) ? (old.median ?? old.mode ?? old.mean ?? old.min ?? 0) : 0));
      else if (k !== 'other') {
        const o = { dist: k.startsWith('lognormal') ? 'lognormal' : k };
        for (const p of DISTS[k]) o[p] = isObj(old) && p in old ? old[p] : (typeof old === 'number' && ['min', 'mode', 'median', 'mean'].includes(p) ? old : 0);
        setPath(path, o);
      }
      changed(); draw();
    } }, el('option', { value: '', text: t('none') }), el('option', { value: 'number', text: t('number') }),
      Object.keys(DISTS).map((d) => el('option', { value: d, text: t(d) })),
      kind === 'other' ? el('option', { value: 'other', text: t('otherDist') }) : null);
    s.value = kind; box.append(s);
    if (kind === 'number') box.append(inputFor(path, num, { class: 'num', inputmode: 'decimal', 'data-param': 'value' }));
    if (kind in DISTS) for (const p of DISTS[kind]) {
      box.append(el('label', { class: 'param' }, p, inputFor(path + '.' + p, num, { class: 'num', inputmode: 'decimal', 'data-param': p })));
    }
    if (kind === 'other') box.append(el('code', { text: flow(v) }));
  };
  draw(); return box;
}
function listEditor(path, columns, blank) {
  const rows = () => (Array.isArray(getPath(path)) ? getPath(path) : []);
  const table = el('table', { class: 'rows', 'data-list': path });
  const draw = () => {
    table.replaceChildren(el('tr', {}, columns.map((c) => el('th', { text: t(c.key) })), el('th')));
    rows().forEach((row, i) => {
      const tr = el('tr', { 'data-field': `${path}[${i}]` });
      for (const c of columns) {
        const set = (value) => { const list = rows(); if (value === undefined) delete list[i][c.key]; else list[i][c.key] = value; changed(); };
        let control;
        if (c.options) {
          control = el('select', { name: `${path}[${i}].${c.key}`, onchange: () => set(control.value || undefined) },
            c.optional ? el('option', { value: '', text: '' }) : null, c.options.map((o) => el('option', { value: o, text: t(o) })));
          control.value = row[c.key] ?? '';
        } else {
          control = el('input', { name: `${path}[${i}].${c.key}`, class: c.parse === undefined ? 'wide' : 'num',
            oninput: () => set((c.parse || ((x) => x.trim() === '' ? undefined : x))(control.value)) });
          control.value = row[c.key] === undefined ? '' : String(row[c.key]);
        }
        tr.append(el('td', { 'data-field': `${path}[${i}].${c.key}` }, control, el('span', { class: 'field-error' })));
      }
      tr.append(el('td', {}, el('button', { type: 'button', text: '×', title: t('remove'), onclick: () => {
        const list = rows(); list.splice(i, 1); setPath(path, list.length ? list : undefined); changed(); draw();
      } })));
      table.append(tr);
    });
  };
  draw();
  const add = el('button', { type: 'button', text: '+ ' + t('add'), onclick: () => {
    const list = rows(); list.push(blank()); setPath(path, list); changed(); draw();
  } });
  return el('div', { 'data-field': path }, table, add, el('span', { class: 'field-error' }));
}
function renderForm() {
  const f = $('#case-form'); f.replaceChildren();
  const rights = el('div', { class: 'checks' }, RIGHTS.map((r) => {
    const c = el('input', { type: 'checkbox', name: 'case.rights', value: r, onchange: () => {
      const list = RIGHTS.filter((x) => f.querySelector(`input[name="case.rights"][value="${x}"]`).checked);
      setPath('case.rights', list); changed();
    } });
    c.checked = (getPath('case.rights') || []).includes(r);
    return el('label', {}, c, ' ' + t(r));
  }));
  f.append(el('fieldset', {}, el('legend', { text: t('sCase') }),
    field('title', 'title', inputFor('title', (x) => x, { class: 'wide' })),
    field('case.act', 'act', selectFor('case.act', ACTS)),
    field('case.claimant', 'claimant', selectFor('case.claimant', ['natural-person', 'legal-person'])),
    field('case.rights', 'rights', rights),
    field('case.route', 'route', selectFor('case.route', ['tort', 'contract', 'compare'], { optional: true })),
    field('case.procedure', 'procedure', selectFor('case.procedure', ['ordinary', 'summary'], { optional: true })),
    field('case.claim', 'claim', inputFor('case.claim', num, { class: 'num', inputmode: 'decimal' })),
    field('case.infringement_date', 'infringement_date', inputFor('case.infringement_date', (x) => x.trim() || undefined, { placeholder: 'YYYY-MM-DD', class: 'num' })),
    field('case.infringement_end', 'infringement_end', inputFor('case.infringement_end', (x) => x.trim() || undefined, { placeholder: 'YYYY-MM-DD', class: 'num' })),
    field('case.works', 'works', inputFor('case.works', num, { class: 'num', inputmode: 'numeric' }))));
  f.append(el('fieldset', {}, el('legend', { text: t('sFacts') }), FACTS.map((k) => field('facts.' + k, k, distControl(k)))));
  f.append(el('fieldset', {}, el('legend', { text: t('sProbs') }),
    PROBS.map((k) => field('facts.' + k, k, inputFor('facts.' + k, prob, { class: 'num' })))));
  f.append(el('fieldset', {}, el('legend', { text: t('sLiability') }),
    ELEMENTS.map((k) => field('liability.' + k, k, inputFor('liability.' + k, prob, { class: 'num' })))));
  f.append(el('fieldset', {}, el('legend', { text: t('sDefenses') }), listEditor('liability.defenses',
    [{ key: 'kind', options: DEFENSES }, { key: 'success', parse: prob }, { key: 'defendant' }],
    () => ({ kind: 'fair-use', success: 0.1 }))));
  f.append(el('fieldset', {}, el('legend', { text: t('sDefendants') }), listEditor('defendants',
    [{ key: 'name' }, { key: 'role', options: ROLES }, { key: 'form', options: FORMS }, { key: 'share', parse: num }, { key: 'part', parse: num }],
    () => ({ name: 'defendant', role: 'infringer', form: 'sole' }))));
  f.append(el('fieldset', {}, el('legend', { text: t('sSimulation') }),
    field('simulation.runs', 'runs', inputFor('simulation.runs', num, { class: 'num' })),
    field('simulation.seed', 'seed', inputFor('simulation.seed', num, { class: 'num' }))));
  showDiagnostics(lastDiagnostics);
}

// ---- the YAML editor, kept in step ----
const yamlBox = () => $('#yaml');
function writeYAML() { yamlBox().value = toYAML(doc); }
let treeTimer = null, checkTimer = null, checkSeq = 0;
function onYAMLInput() {
  clearTimeout(treeTimer);
  treeTimer = setTimeout(async () => {
    const r = await fetch('/api/tree', { method: 'POST', body: yamlBox().value });
    if (r.ok) { const tree = await r.json(); if (isObj(tree)) { doc = tree; renderForm(); } }
  }, 400);
  scheduleCheck();
}
function scheduleCheck() { clearTimeout(checkTimer); checkTimer = setTimeout(check, 350); }
async function check() {
  const seq = ++checkSeq; const status = $('#yaml-status');
  status.className = 'status'; status.textContent = t('checking');
  const r = await fetch('/api/check', { method: 'POST', body: yamlBox().value });
  if (seq !== checkSeq) return;
  const body = await r.json();
  if (r.ok) { status.className = 'status ok'; status.textContent = '✓ ' + t('valid'); showDiagnostics([]); }
  else { status.className = 'status bad'; status.textContent = body.diagnostics ? t('invalid', body.diagnostics.length) : body.message; showDiagnostics(body.diagnostics || []); }
}
let lastDiagnostics = [];
function fieldElement(path) {
  // the deepest form element whose data-field is the diagnostic's field or a prefix of it
  let p = path;
  while (p) {
    const e = document.querySelector(`#case-form [data-field="${CSS.escape(p)}"]`);
    if (e) return e;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return null;
}
function showDiagnostics(list) {
  lastDiagnostics = list;
  document.querySelectorAll('#case-form .field-error').forEach((e) => { e.textContent = ''; });
  document.querySelectorAll('#case-form .invalid').forEach((e) => e.classList.remove('invalid'));
  const ul = $('#diagnostics'); ul.replaceChildren();
  for (const d of list) {
    const where = d.line ? `${d.line}:${d.column}` : '';
    const li = el('li', { 'data-field': d.field || '' }, where ? el('code', { text: where + ' ' }) : null,
      d.field ? el('b', { text: d.field + ': ' }) : null, d.message);
    if (d.line) li.addEventListener('click', () => goToLine(d.line, d.column));
    ul.append(li);
    const target = d.field ? fieldElement(d.field) : null;
    if (target) {
      target.classList.add('invalid');
      const slot = target.querySelector('.field-error');
      if (slot) slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + (d.field + ': ' + d.message);
    }
  }
}
function goToLine(line, column) {
  const box = yamlBox(); const lines = box.value.split('\n');
  let offset = 0; for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, (column || 1) - 1);
  box.focus(); box.setSelectionRange(offset, offset);
  box.scrollTop = Math.max(0, (line - 5) * 18);
}

// ---- running the analyses ----
let last = null; // {kind, json, job?, yaml}
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const yuan = (x) => fmt.format(Math.sign(x) * Math.round(Math.abs(x)));
// a fee to the fen as the command line prints it: half away from zero, digits grouped
const fen = (x) => { const c = Math.round(Math.abs(x) * 100); return (x < 0 && c ? '-' : '') + fmt.format(Math.floor(c / 100)) + '.' + String(c % 100).padStart(2, '0'); };
const pct = (p) => (Math.round(p * 1000) / 10).toFixed(1) + '%';
// The message shown, kept as a function of the language, so that switching it rewrites it.
let shown = null;
function message(text, kind = 'error') {
  shown = typeof text === 'function' ? { text, kind } : null;
  const value = typeof text === 'function' ? text() : text;
  const m = $('#message'); m.textContent = value || ''; m.hidden = !value; m.className = 'message ' + kind;
}
function busy(on) { document.querySelectorAll('#actions .buttons button').forEach((b) => { b.disabled = on; }); }
// An error as the page's language says it: a sentence of the page for each kind of error the
// server answers with (docs of the API: {"error", "message", "diagnostics"}), then the
// server's own detail (the scenario reader's located findings, in English).
function errorText(body, status) {
  if (!body || typeof body !== 'object') return t('err.http', status);
  const kind = body.error;
  if (body.diagnostics) {
    return t('err.invalid-scenario', body.diagnostics.length) + '\n' + body.diagnostics.map((d) => d.rendered).join('\n');
  }
  if (kind && T[lang]['err.' + kind] !== undefined) {
    const head = t('err.' + kind);
    if (kind === 'busy' || kind === 'foreign-host' || kind === 'cross-site') return head + (lang === 'zh' ? '\n' + t('err.detail') + body.message : '');
    return lang === 'zh' ? head + '\n' + t('err.detail') + (body.message || '') : head + (body.message || '');
  }
  return body.message || t('err.http', status);
}
async function failed(r) {
  let body; try { body = await r.json(); } catch { body = null; }
  if (body && body.diagnostics) showDiagnostics(body.diagnostics);
  message(() => errorText(body, r.status));
}
async function request(url, init) {
  try { return await fetch(url, init); } catch { message(t('err.network')); return null; }
}
async function runEstimate() {
  message(''); busy(true);
  try {
    const yaml = yamlBox().value;
    const r = await request(`/api/estimate?format=json&lang=${lang}`, { method: 'POST', body: yaml });
    if (!r) return;
    if (!r.ok) return failed(r);
    last = { kind: 'estimate', json: await r.json(), yaml, source: doc.source, title: doc.title };
    showResults();
  } finally { busy(false); }
}
let running = null; // the job being polled: {id}
async function runJob(kind) {
  message(''); busy(true);
  try {
    const yaml = yamlBox().value;
    const r = await request(`/api/${kind}`, { method: 'POST', body: yaml });
    if (!r) return;
    if (!r.ok) return failed(r);
    let job = await r.json(); const started = Date.now();
    running = { id: job.id }; $('#cancel-job').disabled = false; $('#progress').dataset.job = job.id;
    while (job.state === 'queued' || job.state === 'running') {
      await new Promise((ok) => setTimeout(ok, 150));
      const polled = await request(`/api/jobs/${job.id}`);
      if (!polled) return;
      job = await polled.json();
      if (Date.now() - started > 1000) showProgress(job);
    }
    $('#progress').hidden = true;
    if (job.state === 'cancelled') return message(() => t('cancelled'), 'info');
    if (job.state === 'failed') {
      const e = job.error || {}; if (e.diagnostics) showDiagnostics(e.diagnostics);
      return message(() => (e.diagnostics ? errorText(e) : t('err.failed') + '\n' + errorText(e)));
    }
    const report = await request(`/api/jobs/${job.id}/report?format=json`);
    if (!report) return;
    if (!report.ok) return failed(report);
    last = { kind, json: await report.json(), job, yaml, source: doc.source, title: doc.title };
    showResults();
  } finally { busy(false); running = null; $('#progress').hidden = true; }
}
async function cancelJob() {
  if (!running) return;
  $('#cancel-job').disabled = true;
  $('#progress-text').textContent = t('cancelling');
  await request(`/api/jobs/${running.id}`, { method: 'DELETE' });
}
// The bar follows the server's phases: the counted work (for a simulation all of it, its
// percentiles and second pass included), then any summary left, shown as work in progress, so
// that it is full only when the result is ready.
function showProgress(job) {
  $('#progress').hidden = false; $('#progress').dataset.phase = job.phase || job.state;
  const bar = $('#progress-bar');
  if (job.phase === 'summarising') bar.removeAttribute('value'); else bar.value = job.progress;
  if (job.state === 'queued') { $('#progress-text').textContent = t('phase.queued'); return; }
  if (running && $('#cancel-job').disabled) return; // keeps "cancelling…"
  $('#progress-text').textContent = job.phase === 'summarising'
    ? `${pct(job.progress)} · ${t('phase.summarising')}`
    : `${t('phase.simulating')} ${pct(job.progress)} (${fmt.format(job.done)} / ${fmt.format(job.total)})`;
}

// ---- results ----
function cell(value, key, text) { return el('td', { 'data-key': key, 'data-value': String(value) }, text); }
function table(head, rows, attrs = {}) {
  return el('table', { class: 'report', ...attrs }, el('tr', {}, head.map((h) => el('th', { text: h }))), rows);
}
function estimateRoute(o, prefix) {
  const rows = [];
  const money = (k) => rows.push(el('tr', { class: k === 'award' ? 'total' : '' }, el('td', { text: t(k) }), cell(o[k], prefix + k, yuan(o[k]))));
  rows.push(el('tr', {}, el('td', { text: t('liable') }), cell(o.liable, prefix + 'liable', o.liable ? t('yes') : t('no'))));
  // the exact probability that liability holds, to two decimals of a percent as the tables print it
  rows.push(el('tr', {}, el('td', { text: t('p_liable') }), cell(o.p_liable, prefix + 'p_liable', (Math.round(o.p_liable * 10000) / 100) + '%')));
  rows.push(el('tr', {}, el('td', { text: t('basis') }), cell(o.basis, prefix + 'basis', t('basis.' + o.basis).replace(/^[^:：]*[:：]\s*/, ''))));
  ['base', 'punitive'].forEach(money);
  rows.push(el('tr', {}, el('td', { text: t('multiplier') }), cell(o.multiplier, prefix + 'multiplier', o.multiplier ? '×' + o.multiplier : '—')));
  ['compensation', 'mental_distress', 'expenses', 'award'].forEach(money);
  if ('claim' in o) {
    money('claim');
    rows.push(el('tr', {}, el('td', { text: t('capped') }), cell(o.capped, prefix + 'capped', o.capped ? t('yes') : t('no'))));
    rows.push(el('tr', {}, el('td', { text: t('fee') }), cell(o.fee, prefix + 'fee', o.fee.toFixed(2))));
    rows.push(el('tr', {}, el('td', { text: t('fee_share') }), cell(o.fee_share, prefix + 'fee_share', o.fee_share.toFixed(2))));
    money('net_recovery');
  }
  const defendants = table([t('defendant'), t('exposure'), t('finalShare')], o.defendants.map((d, i) =>
    el('tr', {}, el('td', { text: d.name }), cell(d.exposure, `${prefix}defendants[${i}].exposure`, yuan(d.exposure)),
      cell(d.share, `${prefix}defendants[${i}].share`, yuan(d.share)))));
  const steps = el('ol', { class: 'steps' }, o.steps.map((s) => el('li', {},
    el('span', { class: 'rule', text: `[${s.rule}]` }), s.text,
    // the R10 step whose amount is the claimant's fee share prints it to the fen, as the table does
    s.amount === null ? null : el('span', { class: 'amount', text: `[${s.rule === 'R10' && s.amount === o.fee_share ? s.amount.toFixed(2) : yuan(s.amount)}]` }),
    el('span', { class: 'source', text: '— ' + s.source }))));
  // the warning of `damages estimate` when the reading of each fact and the probability disagree
  const warning = o.warning ? el('p', { class: 'warning', role: 'alert', id: prefix ? 'estimate-contract-warning' : 'estimate-warning', text: o.warning }) : null;
  return el('div', {}, warning, el('div', { class: 'result-grid' },
    el('div', {}, table([t('item'), t('amount')], rows, { id: prefix ? 'estimate-contract' : 'estimate-table' }), defendants),
    el('div', {}, el('h3', { text: t('steps') }), steps)));
}
function summaryRows(r, prefix) {
  const cols = ['mean', 'sd', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99', 'max'];
  const items = [['award', r.award], ['compensation', r.components.compensation], ['punitive', r.components.punitive],
    ['mental_distress', r.components.mental_distress], ['expenses', r.components.expenses]];
  if (r.fees && r.fees.claimant_share) items.push(['fee_share', r.fees.claimant_share]);
  items.push(['net_recovery', r.net_recovery]);
  const rows = items.map(([k, s]) => el('tr', {}, el('td', { text: t(k) }), cols.map((c) => cell(s[c], `${prefix}${k}.${c}`, yuan(s[c])))));
  r.defendants.forEach((d, i) => {
    rows.push(el('tr', {}, el('td', { text: `${d.name} ${t('exposure')}` }), cols.map((c) => cell(d.exposure[c], `${prefix}defendants[${i}].exposure.${c}`, yuan(d.exposure[c])))));
    rows.push(el('tr', {}, el('td', { text: `${d.name} ${t('finalShare')}` }), cols.map((c) => cell(d.share[c], `${prefix}defendants[${i}].share.${c}`, yuan(d.share[c])))));
  });
  const measures = [['p_liable', r.p_liable], ['p_positive', r.award.p_positive], ['p_punitive', r.p_punitive]]
    .map(([k, v]) => el('tr', {}, el('td', { text: t(k) }), cell(v, prefix + k, pct(v))));
  for (const [b, v] of Object.entries(r.basis)) measures.push(el('tr', {}, el('td', { text: t('basis.' + b) }), cell(v, `${prefix}basis.${b}`, pct(v))));
  if (r.fees && 'fee' in r.fees) measures.push(el('tr', {}, el('td', { text: t('fee') }), cell(r.fees.fee, prefix + 'fees.fee', r.fees.fee.toFixed(2))));
  return el('div', {}, table([t('item'), ...cols.map((c) => t(c))], rows, { id: prefix ? 'simulate-contract' : 'simulate-table' }),
    table([t('measure'), t('value')], measures, { id: prefix ? 'measures-contract' : 'measures-table' }));
}
function charts(job) {
  return el('div', { class: 'charts' }, (job.charts || []).map((c) =>
    el('img', { src: `/api/jobs/${job.id}/charts/${c}.svg?lang=${lang}`, alt: c, 'data-chart': c })));
}
function showResults() {
  if (!last) return;
  const body = $('#results-body'); body.replaceChildren(); const j = last.json;
  $('#results').hidden = false;
  $('#results-title').textContent = t(last.kind + 'Title') + ' · ' + (j.scenario || '');
  if (last.kind === 'estimate') {
    if (j.contract) body.append(el('h3', { text: t(j.route === 'tort' ? 'tortRoute' : 'contractRoute') }));
    body.append(estimateRoute(j, ''));
    if (j.contract) {
      body.append(el('h3', { text: t('contractRoute') }), estimateRoute(j.contract, 'contract.'));
      body.append(el('p', { id: 'recommended', text: `${t('recommended')}: ${t(j.recommended)}` }));
    }
  } else if (last.kind === 'simulate') {
    body.append(el('p', { class: 'hint', text: t('runsSeed', fmt.format(j.runs), j.seed) }));
    if (j.contract) body.append(el('h3', { text: t('tortRoute') }));
    body.append(summaryRows(j, ''));
    if (j.contract) {
      body.append(el('h3', { text: t('contractRoute') }), summaryRows(j.contract, 'contract.'));
      body.append(el('p', { id: 'recommended', text: `${t('recommended')}: ${t(j.recommended)}` }));
    }
    body.append(charts(last.job));
  } else if (last.kind === 'sweep') {
    body.append(el('p', { class: 'hint', text: t('runsSeed', fmt.format(j.runs), j.seed) }));
    const rows = j.points.map((p, i) => el('tr', {}, j.axes.map((a) => el('td', { text: String(p.at[a]) })),
      cell(p.award.mean, `points[${i}].award.mean`, yuan(p.award.mean)), cell(p.award.p5, `points[${i}].award.p5`, yuan(p.award.p5)),
      cell(p.award.p50, `points[${i}].award.p50`, yuan(p.award.p50)), cell(p.award.p95, `points[${i}].award.p95`, yuan(p.award.p95)),
      cell(p.p_liable, `points[${i}].p_liable`, pct(p.p_liable)), cell(p.net_recovery.mean, `points[${i}].net_recovery.mean`, yuan(p.net_recovery.mean))));
    body.append(table([...j.axes, t('mean'), 'P5', t('p50'), 'P95', t('pLiable'), t('netMean')], rows, { id: 'sweep-table' }), charts(last.job));
  } else if (last.kind === 'sensitivity') {
    body.append(el('h3', { text: `${t('tornado')} · ${t('baseAward')} ${yuan(j.base_award)}` }));
    body.append(table([t('input'), t('low'), t('high'), t('swing'), t('monotone')], j.tornado.map((r) => el('tr', {},
      el('td', { text: inputLabel(r.input), 'data-input': r.input }), cell(r.low, 'low', yuan(r.low)), cell(r.high, 'high', yuan(r.high)),
      cell(r.swing, 'swing', yuan(r.swing)), el('td', { text: r.monotone ? t('yes') : t('no') }))), { id: 'tornado-table' }));
    const rc = j.rank_correlations;
    body.append(el('h3', { text: `${t('rankCorr')} · ${t('runsSeed', fmt.format(rc.runs), rc.seed)}` }));
    body.append(table([t('input'), t('rho')], rc.inputs.map((r) => el('tr', {}, el('td', { text: inputLabel(r.input), 'data-input': r.input }),
      cell(r.rho, 'rho', (r.rho >= 0 ? '+' : '') + r.rho.toFixed(3)))), { id: 'rank-table' }));
    body.append(charts(last.job));
  } else if (last.kind === 'claim') {
    body.append(el('p', { class: 'hint', text: t('runsSeed', fmt.format(j.runs), j.seed) + ' · ' + t('claimHint') }));
    const row = (label, p, prefix) => el('tr', {}, el('td', { text: label }),
      cell(p.claim, prefix + '.claim', yuan(p.claim)), cell(p.fee, prefix + '.fee', fen(p.fee)),
      cell(p.expected_award, prefix + '.expected_award', yuan(p.expected_award)),
      cell(p.expected_fee_share, prefix + '.expected_fee_share', fen(p.expected_fee_share)),
      cell(p.expected_net_recovery, prefix + '.expected_net_recovery', yuan(p.expected_net_recovery)));
    const head = ['', t('claimAmount'), t('fee'), t('expectedAward'), t('expectedFeeShare'), t('expectedNet')];
    const rows = [row(t('bestClaim'), j.best, 'best')];
    if (j.as_claimed) rows.push(row(t('asClaimed'), j.as_claimed, 'as_claimed'));
    body.append(table(head, rows, { id: 'claim-table' }));
    // the curve, about 25 rows as the command line's table shows it, the best one marked
    const step = Math.max(1, Math.floor(j.curve.length / 25));
    const curve = j.curve.map((p, i) => [p, i]).filter(([p, i]) => i % step === 0 || p.claim === j.best.claim
      || (j.as_claimed && p.claim === j.as_claimed.claim));
    body.append(el('details', {}, el('summary', { text: t('expectedNet') + ' · ' + t('claimAmount') }),
      table(head.slice(1), curve.map(([p, i]) => el('tr', { class: p.claim === j.best.claim ? 'total' : '' },
        cell(p.claim, `curve[${i}].claim`, yuan(p.claim) + (p.claim === j.best.claim ? ' ◀' : '')),
        cell(p.fee, `curve[${i}].fee`, fen(p.fee)), cell(p.expected_award, `curve[${i}].expected_award`, yuan(p.expected_award)),
        cell(p.expected_fee_share, `curve[${i}].expected_fee_share`, fen(p.expected_fee_share)),
        cell(p.expected_net_recovery, `curve[${i}].expected_net_recovery`, yuan(p.expected_net_recovery)))), { id: 'curve-table' })));
    body.append(charts(last.job));
  }
}

// ---- the fee calculator (R10), as `damages fees AMOUNT` ----
async function computeFees() {
  const amount = $('#fee-amount').value.trim(); const out = $('#fee-result');
  out.replaceChildren(); $('#fee-error').textContent = '';
  if (!amount) return;
  const q = new URLSearchParams({ amount, procedure: $('#fee-procedure').value, format: 'json', lang });
  const r = await request('/api/fees?' + q.toString());
  if (!r) return;
  if (!r.ok) { let b = null; try { b = await r.json(); } catch { /* not JSON */ } $('#fee-error').textContent = errorText(b, r.status); return; }
  const f = await r.json();
  const rows = f.brackets.map((b, i) => el('tr', {},
    el('td', { text: `${yuan(b.from)} – ${b.to === null ? '∞' : yuan(b.to)}` }),
    el('td', { text: b.from === 0 ? t('flat50') : (Math.round(b.rate * 10000) / 100) + '%' }),
    cell(b.amount, `brackets[${i}].amount`, b.amount.toFixed(2))));
  rows.push(el('tr', { class: 'total' }, el('td', { text: t('feeTotal') + (f.procedure === 'summary' ? t('halved') : '') }), el('td'),
    cell(f.fee, 'fee', f.fee.toFixed(2))));
  out.append(el('p', { class: 'hint', text: `${t('claim')}: ${yuan(f.claim)}` }),
    table([t('bracket'), t('rate'), t('amount')], rows, { id: 'fee-table', 'data-claim': String(f.claim) }));
}

// ---- downloads ----
function save(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name }); document.body.append(a); a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
async function download(format) {
  if (!last) return;
  const excel = format === 'csv' && $('#dl-excel').checked ? '&excel=1' : '';
  const r = last.kind === 'estimate'
    ? await fetch(`/api/estimate?format=${format}&lang=${lang}${excel}`, { method: 'POST', body: last.yaml })
    : await fetch(`/api/jobs/${last.job.id}/report?format=${format}&lang=${lang}${excel}`);
  if (!r.ok) return failed(r);
  save(`${downloadName(last)}-${last.kind}.${format === 'markdown' ? 'md' : format}`, await r.blob());
}
// A download is named after its scenario: the case number of its source (粤0192民初113),
// else its title, without the characters a file name may not hold.
function downloadName(of) {
  const number = /[\u4e00-\u9fff]\d{3,4}[\u4e00-\u9fff]{1,3}\d+/.exec(String(of.source || ''));
  if (number) return number[0];
  const title = String(of.title || '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim().replace(/\s+/g, '-');
  return title ? Array.from(title).slice(0, 60).join('').replace(/[-.]+$/, '') : 'scenario';
}

// ---- language, bundled scenarios, start ----
let serverInfo = null;
function showLimits() { if (serverInfo) $('#limits').textContent = t('limits', fmt.format(serverInfo.max_runs), serverInfo.workers); }
function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-t]').forEach((e) => { e.textContent = t(e.dataset.t); });
  $('#lang-toggle').textContent = t('langButton');
  showLimits(); renderForm(); showResults(); scheduleCheck();
  if ($('#fee-result').childElementCount || $('#fee-error').textContent) computeFees();
  if (shown) message(shown.text, shown.kind);
  if (last && last.kind === 'estimate') runEstimate();
}
async function loadBundled(name) {
  if (!name) return;
  const r = await fetch('/api/scenarios/' + encodeURIComponent(name));
  if (!r.ok) return failed(r);
  yamlBox().value = await r.text(); $('#bundled').value = name;
  const tree = await (await fetch('/api/tree', { method: 'POST', body: yamlBox().value })).json();
  if (isObj(tree)) doc = tree;
  renderForm(); check();
}
async function start() {
  writeYAML(); applyLanguage(); check();
  yamlBox().addEventListener('input', onYAMLInput);
  $('#lang-toggle').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('damages-lang', lang); applyLanguage(); });
  $('#run-estimate').addEventListener('click', runEstimate);
  for (const k of ['simulate', 'sweep', 'sensitivity']) $('#run-' + k).addEventListener('click', () => runJob(k));
  $('#dl-csv').addEventListener('click', () => download('csv'));
  $('#dl-md').addEventListener('click', () => download('markdown'));
  $('#dl-yaml').addEventListener('click', () => save(`${downloadName(last || doc)}.yaml`, new Blob([yamlBox().value], { type: 'application/yaml' })));
  $('#run-claim').addEventListener('click', () => runJob('claim'));
  $('#cancel-job').addEventListener('click', cancelJob);
  $('#fee-form').addEventListener('submit', (e) => { e.preventDefault(); computeFees(); });
  $('#bundled').addEventListener('change', (e) => loadBundled(e.target.value));
  const info = await (await fetch('/api/info')).json();
  serverInfo = info; showLimits();
  const list = await (await fetch('/api/scenarios')).json();
  for (const s of list) {
    $('#bundled').append(el('option', { value: s.name, text: s.title }));
    $('#bundled-list').append(el('button', { type: 'button', 'data-scenario': s.name, title: s.title, text: s.name.replace(/\.ya?ml$/, ''), onclick: () => loadBundled(s.name) }));
  }
  document.body.dataset.ready = 'true';
}
start();
