/*
 * herald chat widget: one script tag adds a chat launcher and panel to a page.
 *
 *   <script src="https://HOST/widget.js" data-herald="wss://HOST/chat" defer></script>
 *
 * Plain JavaScript, no dependencies, no build step. Everything lives in a
 * shadow root so the host page's styles cannot reach it; it speaks herald.v1
 * over one WebSocket (docs/protocol.md). Options and embedding: docs/widget.md.
 */
(function () {
	'use strict';

	var script = document.currentScript || document.querySelector('script[data-herald]');
	if (!script || window.heraldWidget) return; /* one widget per page */

	var DISCLAIMERS = {
		en: 'This chat gives general information about HER2-positive breast cancer. It is not medical advice. ' +
			'For questions about your own care, talk with your care team. In an emergency, call 911.',
		es: 'Este chat da información general sobre el cáncer de mama HER2 positivo. No es consejo médico. ' +
			'Para preguntas sobre su propio cuidado, hable con su equipo médico. En una emergencia, llame al 911.'
	};
	var ERRORS = {
		rate_limited: 'You are sending questions quickly. Please wait a moment, then ask again.',
		too_large: 'That message is too long. Please make it shorter and try again.',
		internal: 'Sorry, something went wrong on our side. Please ask again.',
		other: 'Sorry, that message could not be read. Please try asking another way.'
	};
	var MAX_ITEMS = 80;

	var ds = script.dataset;
	var opts = {
		url: socketUrl(ds.herald),
		title: ds.title || 'HER2 questions',
		launcher: ds.launcherLabel || 'Chat about HER2',
		accent: colour(ds.accent, '#0b5cad'),
		accentText: colour(ds.accentText, '#ffffff'),
		position: ds.position === 'left' ? 'left' : 'right',
		lang: language(ds.lang)
	};

	/* data-herald may be absolute (wss://host/chat), relative to the script
	 * ("/chat"), or http(s); it defaults to /chat on the script's host. */
	function socketUrl(v) {
		var u = new URL(v || '/chat', script.src || location.href);
		if (u.protocol === 'http:') u.protocol = 'ws:';
		else if (u.protocol === 'https:') u.protocol = 'wss:';
		return u.href;
	}
	function colour(v, fallback) {
		return v && window.CSS && CSS.supports('color', v) ? v : fallback;
	}
	function language(v) {
		var l = (v || document.documentElement.lang || 'en').slice(0, 2).toLowerCase();
		return DISCLAIMERS[l] ? l : 'en';
	}

	/* ---- state, kept for this tab across reloads (sessionStorage) ---- */

	var KEY = 'herald-widget:' + opts.url;
	var state = restore() || { sid: randomId(), n: 0, open: false, items: [], sugg: [], pending: [] };

	function randomId() {
		var b = new Uint8Array(8);
		crypto.getRandomValues(b);
		return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
	}
	function restore() {
		try {
			var s = JSON.parse(sessionStorage.getItem(KEY));
			return s && s.sid && Array.isArray(s.items) && Array.isArray(s.pending) && Array.isArray(s.sugg) ? s : null;
		} catch (e) {
			return null; /* storage disabled or corrupt: start afresh */
		}
	}
	function save() {
		if (state.items.length > MAX_ITEMS) state.items = state.items.slice(-MAX_ITEMS);
		try {
			sessionStorage.setItem(KEY, JSON.stringify(state));
		} catch (e) { /* private mode or full: the chat still works */ }
	}

	/* ---- DOM ---- */

	function h(tag, attrs, kids) {
		var e = document.createElement(tag);
		for (var k in attrs || {}) {
			if (k === 'text') e.textContent = attrs[k];
			else if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
		}
		(kids || []).forEach(function (c) {
			if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
		});
		return e;
	}
	function icon() {
		var ns = 'http://www.w3.org/2000/svg';
		var svg = document.createElementNS(ns, 'svg');
		svg.setAttribute('viewBox', '0 0 24 24');
		svg.setAttribute('aria-hidden', 'true');
		svg.setAttribute('focusable', 'false');
		var p = document.createElementNS(ns, 'path');
		p.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
		svg.appendChild(p);
		return svg;
	}

	var CSS_TEXT = [
		/* !important: the host element sits in the page, whose rules would otherwise win. */
		':host{all:initial!important;display:block!important}',
		'*{box-sizing:border-box}',
		'.root{--a:#0b5cad;--at:#fff;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a}',
		'button,input{font:inherit}',
		':focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 5px #fff}',
		'.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;',
		'padding:12px 18px;border:2px solid transparent;border-radius:999px;background:var(--a);color:var(--at);',
		'font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);-webkit-tap-highlight-color:transparent}',
		'.launcher svg{width:22px;height:22px;fill:currentColor}',
		'.left .launcher,.left .panel{right:auto;left:20px}',
		'.panel{position:fixed;bottom:84px;right:20px;z-index:2147483001;width:380px;max-width:calc(100vw - 40px);',
		'height:min(720px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;',
		'border:1px solid #8a8f98;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden}',
		'.panel[hidden]{display:none}',
		'.head{display:flex;align-items:center;gap:8px;padding:12px 14px;background:var(--a);color:var(--at)}',
		'.head h2{flex:1;margin:0;font-size:1.05rem}',
		'.close{border:2px solid transparent;background:transparent;color:inherit;font-size:1.5rem;line-height:1;',
		'width:40px;height:40px;border-radius:8px;cursor:pointer}',
		'.head :focus-visible{outline-color:var(--at);box-shadow:none}',
		'.status{margin:0;padding:6px 14px;background:#fff4ce;color:#1a1a1a;font-size:.9rem;border-bottom:1px solid #c9a400}',
		'.status:empty{display:none}',
		'.room{margin:0;padding:2px 14px;color:#444;font-size:.8rem}',
		'.room:empty{display:none}',
		'.log{flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:10px}',
		'.note{margin:0;padding:10px 12px;border-radius:10px;background:#eef2f7;color:#1a1a1a;font-size:.9rem}',
		'.msg{max-width:88%;padding:9px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}',
		'.me{align-self:flex-end;background:var(--a);color:var(--at);border-bottom-right-radius:4px}',
		'.bot{align-self:flex-start;background:#f1f4f8;color:#1a1a1a;border:1px solid #d5dbe3;border-bottom-left-radius:4px}',
		'.msg p{margin:0}',
		'.src{margin:8px 0 0;padding:0;list-style:none;font-size:.88rem;white-space:normal}',
		'.src li{margin-top:4px}',
		'a{color:#0a4f96;text-decoration:underline}',
		'.alert{max-width:100%;align-self:stretch;background:#fdf0ef;color:#1a1a1a;border:2px solid #b3261e;',
		'border-left-width:8px;border-radius:10px}',
		'.alert.crisis{background:#f5effb;border-color:#5b2a86}',
		'.alert .lead{font-weight:700;font-size:1.05rem;color:#8c1d18}',
		'.alert.crisis .lead{color:#4a226d}',
		'.alert .tag{display:inline-block;margin-bottom:4px;padding:1px 8px;border-radius:4px;background:#b3261e;',
		'color:#fff;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em}',
		'.alert.crisis .tag{background:#5b2a86}',
		'.concern{margin:0 0 10px;padding:8px 10px;background:#f5effb;border-left:6px solid #5b2a86;border-radius:6px;color:#1a1a1a}',
		'.concern .tag{display:inline-block;margin-bottom:4px;padding:1px 8px;border-radius:4px;background:#5b2a86;',
		'color:#fff;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em}',
		/* One row that scrolls sideways at every size: stacked, three long
		 * questions pushed the answer's sources out of view. While more is
		 * hidden to the right, the row fades out there (.more) and keeps a
		 * thin scroll bar, so it visibly scrolls. */
		'.sugg{display:flex;flex-wrap:nowrap;overflow-x:auto;gap:6px;padding:8px 14px 6px;scrollbar-width:thin}',
		'.sugg.more{-webkit-mask-image:linear-gradient(90deg,#000 calc(100% - 48px),transparent);',
		'mask-image:linear-gradient(90deg,#000 calc(100% - 48px),transparent)}',
		'.sugg[hidden]{display:none}',
		'.chip{flex:none;white-space:nowrap;padding:6px 12px;border:1px solid var(--a);border-radius:999px;background:#fff;color:#0a4f96;cursor:pointer;font-size:.9rem;text-align:left}',
		'.chip:hover{background:#eef4fb}',
		'form{display:flex;gap:8px;padding:10px 14px 14px}',
		'input{flex:1;min-width:0;padding:10px 12px;border:1px solid #6b7280;border-radius:10px;color:#1a1a1a;background:#fff}',
		'input::placeholder{color:#5f6670;opacity:1}',
		'.send{padding:10px 16px;border:2px solid transparent;border-radius:10px;background:var(--a);color:var(--at);font-weight:600;cursor:pointer}',
		'.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
		'@media (max-width:480px){.panel,.left .panel{inset:0;width:100%;max-width:none;height:100%;border:0;border-radius:0}}',
		'@media (forced-colors:active){.launcher,.send,.chip,.msg,.alert{border:2px solid CanvasText}}'
	].join('\n');

	/* Its own tag name, so the page's rules for div and friends miss it. */
	var host = h('herald-chat', { id: 'herald-widget' });
	var shadow = host.attachShadow({ mode: 'open' });
	/* A constructed stylesheet needs no 'unsafe-inline' in the page's CSP. */
	if (shadow.adoptedStyleSheets && window.CSSStyleSheet && 'replaceSync' in CSSStyleSheet.prototype) {
		var sheet = new CSSStyleSheet();
		sheet.replaceSync(CSS_TEXT);
		shadow.adoptedStyleSheets = [sheet];
	} else {
		shadow.appendChild(h('style', { text: CSS_TEXT }));
	}

	var root = h('div', { class: 'root ' + opts.position, lang: 'en' });
	root.style.setProperty('--a', opts.accent);
	root.style.setProperty('--at', opts.accentText);

	var launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'hr-panel' },
		[icon(), h('span', { text: opts.launcher })]);
	var closeBtn = h('button', { type: 'button', class: 'close', 'aria-label': 'Close chat', text: '\u00d7' });
	var status = h('p', { class: 'status', role: 'status' });
	var disclaimer = h('p', { class: 'note', id: 'hr-disclaimer', lang: opts.lang, text: DISCLAIMERS[opts.lang] });
	var log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' },
		[disclaimer]);
	var sugg = h('div', { class: 'sugg', role: 'group', 'aria-label': 'Suggestions', hidden: '' });
	/* No silent cut: a pasted letter may be long. The daemon takes 16 KiB a
	 * message by default (limits.message_bytes; data-max-bytes if a deployment
	 * changed it), so the room left is shown once half of it is used, and a
	 * question over it is held back with a word why instead of being cut. */
	var maxBytes = parseInt(script && script.getAttribute('data-max-bytes'), 10) || 16000;
	var input = h('input', { type: 'text', id: 'hr-input', autocomplete: 'off', enterkeyhint: 'send', 'aria-describedby': 'hr-room' });
	var room = h('p', { class: 'room', id: 'hr-room', 'aria-live': 'polite' });
	function bytesOf(t) {
		return window.TextEncoder ? new TextEncoder().encode(t).length : unescape(encodeURIComponent(t)).length;
	}
	function showRoom() {
		var left = maxBytes - bytesOf(input.value);
		room.textContent = left < maxBytes / 2 ? (left >= 0 ? left + ' characters left' :
			'Too long by ' + (-left) + ' characters: please shorten your question.') : '';
		return left >= 0;
	}
	input.addEventListener('input', showRoom);
	var form = h('form', { novalidate: '' }, [
		h('label', { for: 'hr-input', class: 'sr', text: 'Ask a question' }), input,
		h('button', { type: 'submit', class: 'send', text: 'Send' })
	]);
	input.setAttribute('placeholder', 'Ask a question');
	var panel = h('section', { id: 'hr-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'hr-title',
		'aria-describedby': 'hr-disclaimer', hidden: '' }, [
		h('div', { class: 'head' }, [h('h2', { id: 'hr-title', text: opts.title }), closeBtn]),
		status, log, sugg, room, form
	]);
	root.appendChild(launcher);
	root.appendChild(panel);
	shadow.appendChild(root);

	/* ---- rendering ---- */

	function safeUrl(u) {
		return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null;
	}
	function sources(list) {
		if (!Array.isArray(list) || !list.length) return null;
		return h('ul', { class: 'src', 'aria-label': 'Sources' }, list.map(function (s) {
			var url = safeUrl(s && s.url), title = String((s && s.title) || 'Source');
			var label = s && s.publisher ? ' (' + s.publisher + ')' : '';
			return h('li', null, [
				url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' },
					[title, h('span', { class: 'sr', text: ' (opens in a new tab)' })]) : title,
				label
			]);
		}));
	}
	/* 911 and 988 become tap-to-call links inside safety messages. */
	function withPhones(text) {
		var out = [], re = /\b(911|988)\b/g, last = 0, m;
		while ((m = re.exec(text))) {
			out.push(text.slice(last, m.index), h('a', { href: 'tel:' + m[1], text: m[1] }));
			last = re.lastIndex;
		}
		out.push(text.slice(last));
		return out;
	}
	function render(it) {
		if (it.r === 'me')
			return h('div', { class: 'msg me' }, [h('span', { class: 'sr', text: 'You: ' }), it.t]);
		if (it.r === 'note') return h('p', { class: 'note', text: it.t });
		if (it.s === 'urgent' || it.s === 'crisis') {
			/* The action comes first: herald's safety replies open with it. */
			var t = String(it.t || ''), cut = t.search(/[.!?](\s|$)/) + 1 || t.length;
			return h('div', { class: 'msg bot alert ' + it.s, role: 'alert' }, [
				h('p', { class: 'lead' }, withPhones(t.slice(0, cut))),
				h('p', null, withPhones(t.slice(cut).replace(/^\s+/, ''))),
				h('span', { class: 'tag', text: it.s === 'crisis' ? 'Crisis support' : 'Urgent' }),
				sources(it.src)
			]);
		}
		if (it.c === 'crisis') {
			/* The learned check heard a possible crisis the rules did not
			 * (docs/protocol.md, "concern"): its one line, first paragraph of
			 * the text, is shown as crisis support above the normal answer.
			 * Not role=alert: the person asked something else, and the answer
			 * still follows; the line is offered, not announced. */
			var ct = String(it.t || ''), brk = ct.indexOf('\n\n');
			var line = brk < 0 ? ct : ct.slice(0, brk), rest = brk < 0 ? '' : ct.slice(brk + 2);
			return h('div', { class: 'msg bot' }, [h('span', { class: 'sr', text: 'herald: ' }),
				h('div', { class: 'concern' }, [h('span', { class: 'tag', text: 'Crisis support' }),
					h('p', null, withPhones(line))]),
				h('p', { text: rest }), sources(it.src)]);
		}
		return h('div', { class: 'msg bot' }, [h('span', { class: 'sr', text: 'herald: ' }), h('p', { text: it.t }),
			sources(it.src)]);
	}
	function add(it) {
		state.items.push(it);
		var e = render(it);
		log.appendChild(e);
		return e;
	}
	/* Shows a new message: its start when it is taller than the log, so a
	 * long answer is read from the top; otherwise the end of the log. */
	function reveal(e) {
		var top = e.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
		log.scrollTop = e.offsetHeight > log.clientHeight - 16 ? log.scrollTop + top : log.scrollHeight;
	}
	function renderSuggestions() {
		sugg.textContent = '';
		(state.sugg || []).slice(0, 4).forEach(function (q) {
			var b = h('button', { type: 'button', class: 'chip', text: q });
			b.addEventListener('click', function () { ask(q); });
			sugg.appendChild(b);
		});
		sugg.hidden = !sugg.childNodes.length;
		sugg.scrollLeft = 0;
		moreHint();
	}
	/* Whether suggestions are hidden past the right edge (see .sugg.more). */
	function moreHint() {
		sugg.classList.toggle('more', sugg.scrollLeft + sugg.clientWidth < sugg.scrollWidth - 2);
	}
	sugg.addEventListener('scroll', moreHint, { passive: true });
	window.addEventListener('resize', moreHint);
	state.items.forEach(function (it) { log.appendChild(render(it)); });
	renderSuggestions();

	var statusTimer = 0;
	function setStatus(text, clearAfterMs) {
		clearTimeout(statusTimer);
		if (status.textContent !== text) status.textContent = text;
		if (clearAfterMs) statusTimer = setTimeout(function () { status.textContent = ''; }, clearAfterMs);
	}

	/* ---- the connection: one WebSocket, one conversation ---- */

	/* fresh: nothing asked yet on this connection. Its first question brings
	 * the conversation along (state.ctx, the last answer's "context"), so
	 * follow-ups still work after a reconnect, which may reach another herald
	 * instance, or after a reload. */
	var ws = null, tries = 0, retryTimer = 0, everOpen = false, fresh = false;

	function connect() {
		clearTimeout(retryTimer);
		retryTimer = 0;
		if (ws) return;
		var sock;
		try {
			sock = new WebSocket(opts.url, 'herald.v1');
		} catch (e) {
			retry();
			return;
		}
		ws = sock;
		fresh = true;
		if (!everOpen && !tries) setStatus('Connecting\u2026');
		sock.onopen = function () {
			var again = everOpen || tries > 0;
			everOpen = true;
			tries = 0;
			setStatus(again ? 'Reconnected.' : '', again ? 4000 : 0);
			/* Questions asked while offline, or left unanswered by a server
			 * that went away, are asked (again) now. */
			state.pending.forEach(send);
		};
		sock.onmessage = function (e) { receive(e.data); };
		sock.onclose = function () {
			if (ws !== sock) return;
			ws = null;
			retry();
		};
	}
	/* Exponential backoff with jitter, 0.5 s up to 30 s, so a restarted
	 * herald is not hit by every open tab at once. */
	function retry() {
		if (retryTimer) return;
		setStatus('Reconnecting\u2026');
		var delay = Math.min(30000, 500 * Math.pow(2, tries)) * (0.75 + Math.random() * 0.5);
		tries++;
		retryTimer = setTimeout(connect, delay);
	}
	function send(p) {
		if (!ws || ws.readyState !== 1) return;
		var m = { type: 'ask', id: p.id, text: p.t };
		if (fresh && typeof state.ctx === 'string') m.context = state.ctx;
		fresh = false;
		ws.send(JSON.stringify(m));
	}
	function ask(text) {
		text = String(text).trim();
		if (!text) return;
		var p = { id: 'w-' + state.sid + '-' + (++state.n), t: text };
		var e = add({ r: 'me', t: text });
		state.pending.push(p);
		state.sugg = [];
		renderSuggestions();
		reveal(e);
		save();
		if (ws) send(p);
		else connect(); /* sends it on open; a person asking is worth trying now */
	}
	function receive(data) {
		var m;
		try {
			m = JSON.parse(data);
		} catch (e) {
			return;
		}
		if (!m || typeof m !== 'object') return;
		var at = -1;
		for (var i = 0; i < state.pending.length; i++) if (state.pending[i].id === m.id) at = i;
		/* herald is restarting and did not take the question: it stays
		 * pending and is asked again on the next connection, like one left
		 * unanswered by the 1001 close that follows (docs/protocol.md). */
		if (m.type === 'error' && m.code === 'shutting_down') return;
		var asked = at >= 0 ? state.pending.splice(at, 1)[0] : null;
		var e;
		if (m.type === 'answer') {
			/* Opaque, and health information like the transcript: kept
			 * beside it in sessionStorage, sent only back to herald. */
			if (typeof m.context === 'string') state.ctx = m.context;
			e = add({ r: 'bot', t: String(m.text || ''), src: m.sources || [], s: m.safety || null,
				c: m.concern || null });
			state.sugg = Array.isArray(m.suggestions) ? m.suggestions.map(String) : [];
			renderSuggestions();
		} else if (m.type === 'error') {
			e = add({ r: 'note', t: ERRORS[m.code] || ERRORS.other });
			/* Give the question back, so asking again is one key. */
			if (asked && !input.value && m.code !== 'too_large') input.value = asked.t;
		}
		if (e) reveal(e);
		save();
	}

	/* ---- opening, closing, keys ---- */

	function setOpen(open, focusLauncher) {
		state.open = open;
		save();
		panel.hidden = !open;
		launcher.setAttribute('aria-expanded', String(open));
		if (open) {
			connect();
			log.scrollTop = log.scrollHeight;
			moreHint(); /* sizes are known only now */
			input.focus();
		} else if (focusLauncher) {
			launcher.focus();
		}
	}
	launcher.addEventListener('click', function () { setOpen(panel.hidden, true); });
	closeBtn.addEventListener('click', function () { setOpen(false, true); });
	panel.addEventListener('keydown', function (e) {
		if (e.key === 'Escape') {
			e.preventDefault();
			setOpen(false, true);
		}
	});
	form.addEventListener('submit', function (e) {
		e.preventDefault();
		var t = input.value;
		if (!t.trim() || !showRoom()) return;
		input.value = '';
		showRoom();
		ask(t);
	});
	/* Back online, or back to the tab: try at once instead of waiting out the backoff. */
	function now() {
		if (!ws && retryTimer) connect();
	}
	window.addEventListener('online', now);
	document.addEventListener('visibilitychange', function () {
		if (!document.hidden) now();
	});

	function mount() {
		document.body.appendChild(host);
		if (state.open) setOpen(true, false);
	}
	if (document.body) mount();
	else document.addEventListener('DOMContentLoaded', mount);

	/* A small handle for the host page: open or close from its own buttons. */
	window.heraldWidget = {
		open: function () { setOpen(true, false); },
		close: function () { setOpen(false, false); }
	};
})();
