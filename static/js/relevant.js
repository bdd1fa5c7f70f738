// Evaluates the relevant expressions the Go parser (internal/survey/expr.go) emits as JSON, with
// exactly its semantics; it never parses expression text.
(function () {
  'use strict';

  var NUMBER = /^[ \t\r\n]*-?(\d+(\.\d*)?|\.\d+)[ \t\r\n]*$/;

  // number reads s as XPath's number() does: NaN unless it is a plain decimal number.
  function number(s) {
    return NUMBER.test(s) ? parseFloat(s) : NaN;
  }

  // scalar is v as XLSForm compares it: a number, or else a string.
  function scalar(v) {
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (Array.isArray(v)) return v.join(' ');
    return '';
  }

  function truthy(v) {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0 && v === v;
    var s = scalar(v);
    return s !== '' && s !== 'no';
  }

  // order compares by code point, as Go compares UTF-8 strings, not by UTF-16 unit.
  function order(a, b) {
    var i = 0;
    while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === a.length) return i === b.length ? 0 : -1;
    if (i === b.length) return 1;
    var x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x < y ? -1 : 1;
  }

  function compare(op, a, b) {
    var x = scalar(a), y = scalar(b);
    if (typeof x === 'number' || typeof y === 'number') {
      if (typeof x !== 'number') x = number(x);
      if (typeof y !== 'number') y = number(y);
    } else {
      x = order(x, y);
      y = 0;
    }
    switch (op) {
      case '=': return x === y;
      case '!=': return x !== y;
      case '<': return x < y;
      case '<=': return x <= y;
      case '>': return x > y;
      case '>=': return x >= y;
    }
  }

  function selected(v, id) {
    if (v === null) return false;
    if (Array.isArray(v)) return v.indexOf(id) >= 0;
    if (typeof v === 'number') return number(id) === v;
    var s = scalar(v);
    return s !== '' && (s === id || s.split(' ').indexOf(id) >= 0);
  }

  function countSelected(v) {
    if (v === null) return 0;
    if (Array.isArray(v)) return v.length;
    if (typeof v === 'string') return v.split(' ').filter(Boolean).length;
    return 1;
  }

  function answer(v) {
    if (v === undefined || v === null) return null;
    if (Array.isArray(v)) return v.map(String);
    return v;
  }

  function value(n, get) {
    var a = n.args;
    switch (n.op) {
      case 'or': return a.some(function (x) { return truthy(value(x, get)); });
      case 'and': return a.every(function (x) { return truthy(value(x, get)); });
      case 'not': return !truthy(value(a[0], get));
      case '=': case '!=': case '<': case '<=': case '>': case '>=':
        return compare(n.op, value(a[0], get), value(a[1], get));
      case 'selected': return selected(value(a[0], get), a[1].value);
      case 'count-selected': return countSelected(value(a[0], get));
      case 'ref': return answer(get(n.name));
      case 'str': case 'num': return n.value;
    }
    throw new Error('relevant: unknown op ' + n.op);
  }

  window.ConsultaRelevant = {
    // evaluate says whether node holds for the answers get(id) returns; no node always holds.
    evaluate: function (node, get) {
      return node == null || truthy(value(node, get));
    }
  };
})();
