(function () {
  'use strict';

  var KEY_SESSION = 'motcua.session';
  var KEY_CURSOR = 'motcua.cursor';
  var KEY_HISTORY = 'motcua.history';
  var HISTORY_MAX = 80;
  var POLL_VISIBLE = 5000, POLL_HIDDEN = 30000, POLL_BACKOFF = 30000;
  var WELCOME = 'Xin chào! Mình là trợ lý trực tuyến của Trung tâm Phục vụ hành chính công. Bạn có thể hỏi về thủ tục hành chính ' +
    '(ví dụ: “làm giấy khai sinh cần gì?”), tra cứu hồ sơ hoặc gửi phản ánh.';
  var NETWORK_ERROR = 'Không kết nối được máy chủ. Bạn vui lòng kiểm tra mạng rồi thử lại.';

  var log = document.getElementById('log');
  var form = document.getElementById('form');
  var input = document.getElementById('input');
  var sendButton = document.getElementById('send');
  var typing = document.getElementById('typing');
  var status = document.getElementById('status');
  var chips = document.getElementById('chips');

  var store = storage();
  var session = store.get(KEY_SESSION);
  if (!session || session.length < 16) {
    session = randomId(24);
    store.set(KEY_SESSION, session);
  }
  var cursor = store.get(KEY_CURSOR) || '';
  var history = loadHistory();
  var pending = 0;
  var queue = Promise.resolve();
  var pollTimer = null;
  var polling = false;

  // storage falls back to memory when the browser refuses localStorage
  // (private mode), so the chat still works for this visit.
  function storage() {
    var mem = {};
    try {
      var k = '__motcua_probe';
      window.localStorage.setItem(k, k);
      window.localStorage.removeItem(k);
      return {
        get: function (key) { return window.localStorage.getItem(key); },
        set: function (key, v) { try { window.localStorage.setItem(key, v); } catch (e) { mem[key] = v; } }
      };
    } catch (e) {
      return {
        get: function (key) { return Object.prototype.hasOwnProperty.call(mem, key) ? mem[key] : null; },
        set: function (key, v) { mem[key] = v; }
      };
    }
  }

  // randomId is a secret made of n random bytes, base64url without padding:
  // it is the only key to the conversation, so it must not be guessable.
  function randomId(n) {
    var bytes = new Uint8Array(n);
    window.crypto.getRandomValues(bytes);
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function loadHistory() {
    try {
      var h = JSON.parse(store.get(KEY_HISTORY) || '[]');
      return Array.isArray(h) ? h : [];
    } catch (e) {
      return [];
    }
  }

  function remember(entry) {
    history.push(entry);
    if (history.length > HISTORY_MAX) history = history.slice(-HISTORY_MAX);
    store.set(KEY_HISTORY, JSON.stringify(history));
  }

  // appendText writes text into el, turning web addresses into links; it
  // never parses HTML, so nothing the bot or a citizen sends can run.
  function appendText(el, text) {
    var parts = String(text || '').split(/(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])/);
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 1) {
        var a = document.createElement('a');
        a.href = parts[i];
        a.textContent = parts[i];
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        el.appendChild(a);
      } else if (parts[i]) {
        el.appendChild(document.createTextNode(parts[i]));
      }
    }
  }

  function safeURL(u) {
    return typeof u === 'string' && /^https?:\/\//i.test(u);
  }

  function renderAttachments(bubble, list) {
    (list || []).forEach(function (att) {
      if (!att || !safeURL(att.url)) return;
      if (att.kind === 'image') {
        var img = document.createElement('img');
        img.src = att.url;
        img.alt = att.name || 'Hình ảnh';
        img.loading = 'lazy';
        bubble.appendChild(img);
        return;
      }
      var a = document.createElement('a');
      a.href = att.url;
      a.textContent = '\n📎 ' + (att.name || 'Tệp đính kèm');
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      bubble.appendChild(a);
    });
  }

  function renderButtons(wrap, buttons) {
    if (!buttons || !buttons.length) return;
    var row = document.createElement('div');
    row.className = 'buttons';
    buttons.forEach(function (b) {
      if (!b || !b.label) return;
      if (b.url) {
        if (!safeURL(b.url)) return;
        var a = document.createElement('a');
        a.href = b.url;
        a.textContent = b.label;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        row.appendChild(a);
        return;
      }
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.textContent = b.label;
      btn.addEventListener('click', function () {
        send({ action: b.action || b.label }, b.label);
      });
      row.appendChild(btn);
    });
    wrap.appendChild(row);
  }

  // render shows one message: from is "me", "bot" or "err".
  function render(from, msg, keep) {
    var wrap = document.createElement('div');
    wrap.className = 'msg ' + from;
    var bubble = document.createElement('p');
    bubble.className = 'bubble';
    appendText(bubble, msg.text);
    renderAttachments(bubble, msg.attachments);
    wrap.appendChild(bubble);
    if (from === 'bot') renderButtons(wrap, msg.buttons);
    log.appendChild(wrap);
    log.scrollTop = log.scrollHeight;
    if (keep) {
      remember({ from: from, text: msg.text || '', buttons: msg.buttons || [], attachments: msg.attachments || [] });
    }
  }

  function setTyping(on) {
    pending += on ? 1 : -1;
    var show = pending > 0;
    typing.hidden = !show;
    sendButton.disabled = show;
    status.textContent = show ? 'Trợ lý đang trả lời…' : '';
    if (show) log.scrollTop = log.scrollHeight;
  }

  function request(method, url, body) {
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, 30000) : null;
    var init = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (ctrl) init.signal = ctrl.signal;
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, status: res.status, data: data || {} };
      });
    }).finally(function () {
      if (timer) clearTimeout(timer);
    });
  }

  // send runs one turn; turns go one after another, in the order tapped.
  function send(payload, shown) {
    chips.hidden = true;
    render('me', { text: shown }, true);
    payload.session_id = session;
    payload.message_id = randomId(12);
    queue = queue.then(function () { return turn(payload); });
    return queue;
  }

  function turn(payload) {
    setTyping(true);
    return request('POST', '/api/chat', payload).then(function (res) {
      if (!res.ok) {
        render('err', { text: res.data.error || NETWORK_ERROR }, false);
        return;
      }
      (res.data.messages || []).forEach(function (m) { render('bot', m, true); });
    }).catch(function () {
      render('err', { text: NETWORK_ERROR }, false);
    }).finally(function () {
      setTyping(false);
      schedulePoll(0);
    });
  }

  // poll fetches what the bot sent later on its own (dossier news, staff
  // answers), more slowly while the page is hidden.
  function poll() {
    if (polling) return;
    polling = true;
    var url = '/api/chat/messages?session_id=' + encodeURIComponent(session) +
      '&after=' + encodeURIComponent(cursor);
    request('GET', url).then(function (res) {
      if (!res.ok) {
        schedulePoll(POLL_BACKOFF);
        return;
      }
      (res.data.messages || []).forEach(function (m) { render('bot', m, true); });
      if (typeof res.data.cursor === 'string') {
        cursor = res.data.cursor;
        store.set(KEY_CURSOR, cursor);
      }
      schedulePoll(document.hidden ? POLL_HIDDEN : POLL_VISIBLE);
    }).catch(function () {
      schedulePoll(POLL_BACKOFF);
    }).finally(function () {
      polling = false;
    });
  }

  function schedulePoll(ms) {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, ms);
  }

  function submit() {
    var text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    input.value = '';
    grow();
    send({ text: text }, text);
  }

  function grow() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 128) + 'px';
    input.style.overflowY = input.scrollHeight > 128 ? 'auto' : 'hidden';
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    submit();
  });
  input.addEventListener('keydown', function (e) {
    // Vietnamese is typed through an input method: Enter while composing
    // confirms a syllable and must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', grow);
  Array.prototype.forEach.call(chips.querySelectorAll('button'), function (b) {
    b.addEventListener('click', function () { send({ text: b.dataset.text }, b.textContent); });
  });
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) schedulePoll(0);
  });

  if (history.length) {
    chips.hidden = true;
    history.forEach(function (h) { render(h.from, h, false); });
  } else {
    render('bot', { text: WELCOME }, true);
  }
  schedulePoll(0);
})();
