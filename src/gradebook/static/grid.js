// The marks grid (gradebook/journal.mustache): arrow keys and Enter move between cells, a
// changed cell is saved in the background with an idempotent sequence number, its state is
// shown (saving, saved, failed, offline), and saves lost to the network are sent again.
// Without this script the grid is a plain form with a Save button.
(function () {
  'use strict';
  var form = document.getElementById('grid');
  if (!form || !window.fetch || !window.JSON) return;
  var api = form.getAttribute('data-api');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  var live = document.getElementById('grid-status');
  var reason = document.getElementById('reason');
  var words = {
    saving: form.getAttribute('data-saving'), saved: form.getAttribute('data-saved'),
    failed: form.getAttribute('data-failed'), offline: form.getAttribute('data-offline')
  };
  // One client id per page load; the server applies each (client, seq) at most once.
  var bytes = new Uint8Array(12);
  (window.crypto || window.msCrypto).getRandomValues(bytes);
  var client = Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  var seq = 0, queue = [], busy = false, delay = 1000, timer = null;

  function cellAt(r, c) {
    return form.querySelector('input.mark[data-r="' + r + '"][data-c="' + c + '"]');
  }
  function state(input, name, message) {
    input.classList.remove('saving', 'saved', 'failed', 'offline');
    input.classList.add(name);
    input.title = message ? words[name] + ': ' + message : words[name];
    input.setAttribute('aria-invalid', name === 'failed' ? 'true' : 'false');
    if (live && name !== 'saving') live.textContent = input.getAttribute('aria-label') + ': ' + input.title;
  }
  function original(input) {
    return form.querySelector('input[name="o.' + input.name.slice(2) + '"]');
  }
  function show(input, item) {
    var row = input.closest('tr');
    var r = item.result;
    ['current', 'admission', 'final', 'letter', 'points_text', 'outcome_label'].forEach(function (k) {
      var td = row.querySelector('[data-out="' + k + '"]');
      if (td) td.textContent = r[k] === null || r[k] === undefined ? '' : r[k];
    });
    var value = item.mark === null ? '' : String(item.mark);
    var orig = original(input);
    if (orig) orig.value = value;  // The plain Save button no longer sends this cell.
    // A newer value of the cell still waiting, or being typed, is left as it is.
    var waiting = queue.some(function (o) { return o.input === input; });
    if (!waiting && document.activeElement !== input) input.value = value;
  }
  function enqueue(input) {
    seq += 1;
    // A newer value of the same cell replaces one still waiting (not the one in flight).
    queue = queue.filter(function (q, i) { return (busy && i === 0) || q.input !== input; });
    queue.push({ input: input, seq: seq, mark: input.value.trim() });
    state(input, 'saving');
    pump();
  }
  function retryLater() {
    if (timer) return;
    timer = setTimeout(function () { timer = null; pump(); }, delay);
    delay = Math.min(delay * 2, 30000);
  }
  function pump() {
    if (busy || !queue.length) return;
    busy = true;
    var q = queue[0];
    var body = {
      student_id: Number(q.input.getAttribute('data-student')), cell: q.input.getAttribute('data-cell'),
      mark: q.mark, client: client, seq: q.seq, reason: reason ? reason.value : ''
    };
    fetch(api, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().then(function (json) { return { ok: res.ok, status: res.status, json: json }; },
                            function () { return { ok: false, status: res.status, json: {} }; });
    }).then(function (res) {
      busy = false;
      if (res.status >= 500 || res.status === 0) { state(q.input, 'offline'); retryLater(); return; }
      queue.shift();
      delay = 1000;
      if (res.ok) {
        show(q.input, res.json.items[0]);
        if (queue.every(function (o) { return o.input !== q.input; })) state(q.input, 'saved');
      } else {
        state(q.input, 'failed', res.json.error ? res.json.error.message : String(res.status));
      }
      pump();
    }, function () {
      // The network is gone: keep the save (same seq) and send it again later.
      busy = false;
      state(q.input, 'offline');
      retryLater();
    });
  }
  form.addEventListener('change', function (e) {
    if (e.target.classList && e.target.classList.contains('mark')) enqueue(e.target);
  });
  form.addEventListener('keydown', function (e) {
    var t = e.target;
    if (!t.classList || !t.classList.contains('mark')) return;
    var r = Number(t.getAttribute('data-r')), c = Number(t.getAttribute('data-c')), dr = 0, dc = 0;
    if (e.key === 'ArrowUp') dr = -1;
    else if (e.key === 'ArrowDown' || e.key === 'Enter') dr = e.shiftKey ? -1 : 1;
    else if (e.key === 'ArrowLeft' && t.selectionStart === 0 && t.selectionEnd === 0) dc = -1;
    else if (e.key === 'ArrowRight' && t.selectionStart === t.value.length) dc = 1;
    else return;
    e.preventDefault();
    var next = cellAt(r + dr, c + dc);
    // Moving on commits the cell (its change event saves it); on the last row Enter saves it here.
    if (next) { next.focus(); next.select(); } else if (t.value.trim() !== (original(t) || {}).value) enqueue(t);
  });
  window.addEventListener('online', function () { delay = 1000; pump(); });
})();
