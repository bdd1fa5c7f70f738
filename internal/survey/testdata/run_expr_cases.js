// Runs the shared relevant cases through static/js/relevant.js.
// Usage: node run_expr_cases.js path/to/relevant.js cases.json
// cases.json is [{expr, json, answers, want}], json being the Go parser's output for expr.
'use strict';
const fs = require('fs');
const vm = require('vm');

const [script, casesFile] = process.argv.slice(2);
const context = { window: {} };
vm.createContext(context);
vm.runInContext(fs.readFileSync(script, 'utf8'), context, { filename: script });
const relevant = context.window.ConsultaRelevant;

let failed = 0;
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
for (const c of cases) {
  const answers = c.answers || {};
  const get = (id) => (id in answers ? answers[id] : null);
  let got;
  try {
    got = relevant.evaluate(c.json, get);
  } catch (e) {
    got = 'error: ' + e.message;
  }
  if (got !== c.want) {
    failed++;
    console.log(`${c.expr} with ${JSON.stringify(answers)} = ${got}, want ${c.want}`);
  }
}
console.log(`${cases.length - failed}/${cases.length} cases agree with Go`);
process.exit(failed ? 1 : 0);
