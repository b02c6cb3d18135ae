// An attempt in progress (assessment/attempt.mustache): each answer is saved as it is given
// (PUT /api/v1/attempts/{id}/responses/{slot} with a rising per-question sequence number, so a
// resent save changes nothing), answers not yet acknowledged are kept in localStorage and sent
// again when the network returns (or on the next page load), and the time left is counted from the
// server's deadline and clock, re-synced on every save. Without this script the page is a plain
// form whose buttons save.
(function () {
  'use strict';
  var form = document.getElementById('attempt');
  if (!form || !window.fetch || !window.JSON) return;
  var api = form.getAttribute('data-api');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  var status = document.getElementById('save-status');
  var timer = document.getElementById('timer');
  var key = 'oqu.attempt.' + api;
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }
  var pending = {};  // slot -> {seq, response}: given but not acknowledged
  var busy = false, delay = 1000, retry = null, closed = false;
  var deadline = Date.parse(timer.getAttribute('data-deadline'));
  var offset = Date.parse(timer.getAttribute('data-server-time')) - Date.now();
  var grace = Number(timer.getAttribute('data-grace')) * 1000;

  function say(name) {
    if (status) status.textContent = status.getAttribute('data-' + name);
  }
  function load() {
    try { pending = JSON.parse((store && store.getItem(key)) || '{}') || {}; } catch (e) { pending = {}; }
  }
  function keep() {
    if (!store) return;
    try {
      if (Object.keys(pending).length) store.setItem(key, JSON.stringify(pending)); else store.removeItem(key);
    } catch (e) { /* A full or disabled storage: the answers still go out while online. */ }
  }
  function seqInput(slot) {
    return form.querySelector('input[name="seq.' + slot + '"]');
  }
  // The answer of one question as the API takes it (see ParseResponse).
  function responseOf(fieldset) {
    var slot = fieldset.getAttribute('data-slot'), type = fieldset.getAttribute('data-type');
    var name = 'r.' + slot;
    if (type === 'single_choice' || type === 'true_false' || type === 'multiple_choice') {
      var chosen = [];
      fieldset.querySelectorAll('input[name="' + name + '"]').forEach(function (i) {
        if (i.checked) chosen.push(Number(i.value));
      });
      return { chosen: chosen };
    }
    if (type === 'matching') {
      var pairs = {};
      fieldset.querySelectorAll('select').forEach(function (s) {
        if (s.value) pairs[s.name.split('.')[2]] = s.value;
      });
      return { pairs: pairs };
    }
    if (type === 'ordering') {
      var items = [];
      fieldset.querySelectorAll('input[type="number"]').forEach(function (i, n) {
        items.push({ id: Number(i.name.split('.')[2]), pos: Number(i.value) || 1000, n: n });
      });
      items.sort(function (a, b) { return a.pos - b.pos || a.n - b.n; });
      return { order: items.map(function (x) { return x.id; }) };
    }
    var field = fieldset.querySelector('[name="' + name + '"]');
    return { text: field ? field.value : '' };
  }
  // An answer kept from an earlier page load back in its fields (a plain submit then sends it).
  function show(fieldset, r) {
    var slot = fieldset.getAttribute('data-slot');
    if (r.chosen) {
      fieldset.querySelectorAll('input[name="r.' + slot + '"]').forEach(function (i) {
        i.checked = r.chosen.indexOf(Number(i.value)) >= 0;
      });
    } else if (r.pairs) {
      fieldset.querySelectorAll('select').forEach(function (s) { s.value = r.pairs[s.name.split('.')[2]] || ''; });
    } else if (r.order) {
      fieldset.querySelectorAll('input[type="number"]').forEach(function (i) {
        i.value = String(r.order.indexOf(Number(i.name.split('.')[2])) + 1);
      });
    } else if (typeof r.text === 'string') {
      var field = fieldset.querySelector('[name="r.' + slot + '"]');
      if (field) field.value = r.text;
    }
  }
  function given(fieldset) {
    var slot = fieldset.getAttribute('data-slot');
    var input = seqInput(slot);
    // The form's hidden seq then names this save: a plain submit of the form repeats it (a no-op).
    var seq = Math.max(Number(input.value), pending[slot] ? pending[slot].seq + 1 : 0);
    if (fieldset.getAttribute('data-sent') === '1') seq = Math.max(seq, Number(input.value) + 1);
    input.value = String(seq);
    fieldset.setAttribute('data-sent', '1');
    pending[slot] = { seq: seq, response: responseOf(fieldset) };
    keep();
    say('saving');
    pump();
  }
  function later() {
    if (retry) return;
    retry = setTimeout(function () { retry = null; pump(); }, delay);
    delay = Math.min(delay * 2, 30000);
  }
  function pump() {
    if (busy || closed) return;
    var slots = Object.keys(pending);
    if (!slots.length) return;
    var slot = slots[0], item = pending[slot];
    busy = true;
    fetch(api + '/responses/' + slot, {
      method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ seq: item.seq, response: item.response })
    }).then(function (res) {
      return res.json().then(function (j) { return { status: res.status, json: j }; },
                            function () { return { status: res.status, json: {} }; });
    }).then(function (res) {
      busy = false;
      if (res.status >= 500 || res.status === 0 || res.status === 429) { say('offline'); later(); return; }
      // Acknowledged (or refused for good): this save is done unless a newer one replaced it.
      if (pending[slot] && pending[slot].seq === item.seq) delete pending[slot];
      keep();
      delay = 1000;
      if (res.json.server_time) {
        offset = Date.parse(res.json.server_time) - Date.now();
        deadline = Date.parse(res.json.deadline);
      }
      if (res.status === 409) { closed = true; say('closed'); setTimeout(reload, 2000); return; }
      if (!Object.keys(pending).length) say('saved');
      pump();
    }, function () {
      busy = false;  // No network: the save stays in pending (and localStorage) for later.
      say('offline');
      later();
    });
  }
  function reload() {
    window.location.reload();
  }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function tick() {
    var left = deadline - (Date.now() + offset);
    if (left <= 0) {
      timer.textContent = timer.getAttribute('data-over');
      // Saves the grace admits go out first; then the page shows the attempt submitted by the server.
      if (!closed) { closed = Object.keys(pending).length === 0; setTimeout(reload, grace + 2000); }
      return;
    }
    var s = Math.floor(left / 1000);
    timer.textContent = timer.getAttribute('data-left') + ': ' +
      (s >= 3600 ? Math.floor(s / 3600) + ':' : '') + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
    setTimeout(tick, 1000);
  }
  form.addEventListener('change', function (e) {
    var fieldset = e.target.closest && e.target.closest('fieldset[data-slot]');
    if (fieldset) given(fieldset);
  });
  form.addEventListener('submit', function () {
    // The plain POST carries the same answers and seqs: keep nothing pending for them.
    form.querySelectorAll('fieldset[data-slot]').forEach(function (f) {
      var slot = f.getAttribute('data-slot');
      if (pending[slot] && String(pending[slot].seq) === seqInput(slot).value) delete pending[slot];
    });
    keep();
  });
  window.addEventListener('online', function () { delay = 1000; pump(); });
  load();
  // Answers kept from an earlier page load go first; the form shows them, with their numbers.
  Object.keys(pending).forEach(function (slot) {
    var input = seqInput(slot);
    if (input && Number(input.value) <= pending[slot].seq) {
      input.value = String(pending[slot].seq);
      show(form.querySelector('fieldset[data-slot="' + slot + '"]'), pending[slot].response || {});
    }
  });
  pump();
  tick();
})();
