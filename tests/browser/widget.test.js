/*
 * End-to-end tests of the chat widget (web/widget.js) in a real browser:
 * Debian's Chromium, driven by playwright-core (no browser download), against
 * the real daemon on an ephemeral port, as a patient would use it.
 *
 *   HERALD_BIN=build/herald HERALD_SOURCE_DIR=. node tests/browser/widget.test.js
 *
 * Optional: CHROMIUM (default /usr/bin/chromium), HERALD_SCREENSHOT_DIR (where
 * widget.png and widget-phone.png are written; default: the working directory).
 * Prints one line per check and "N passed, N failed" at the end.
 */
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const BIN = path.resolve(process.env.HERALD_BIN || 'build/herald');
const SOURCE = path.resolve(process.env.HERALD_SOURCE_DIR || '.');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.HERALD_SCREENSHOT_DIR || '.');
const T = 15000; /* the longest any single wait may take */

/* ---- the daemon ---- */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-browser-'));
const conf = path.join(tmp, 'herald.conf.lua');
/* Generous limits: this test is one patient, not an abuse test. */
fs.writeFileSync(conf, `content_dir = ${JSON.stringify(SOURCE)}\nlimits = { rate_burst = 100 }\n`);

class Daemon {
	/* Starts `herald serve` on PORT (0: any free port) and waits for its "listening" line. */
	static start(port, extraConfig) {
		return new Promise((resolve, reject) => {
			const d = new Daemon();
			let file = conf;
			if (extraConfig) {
				file = path.join(tmp, `extra-${Date.now()}.conf.lua`);
				fs.writeFileSync(file, fs.readFileSync(conf, 'utf8') + extraConfig);
			}
			d.proc = spawn(BIN, ['serve', '--config', file, '--listen', `127.0.0.1:${port}`],
				{ stdio: ['ignore', 'ignore', 'pipe'] });
			d.log = '';
			/* Starting compiles the patterns and trains the ranker: about a
			 * second, several times that under the sanitizers. */
			const sanitized = !['', '0', 'OFF', 'FALSE'].includes(process.env.HERALD_SANITIZED || '');
			const timer = setTimeout(() => reject(new Error('herald did not start:\n' + d.log)),
				sanitized ? 90000 : 30000);
			d.proc.stderr.setEncoding('utf8');
			d.proc.stderr.on('data', (s) => {
				d.log += s;
				const m = /listening addr=[^ ]+:(\d+)/.exec(d.log);
				if (m && !d.port) {
					d.port = Number(m[1]);
					clearTimeout(timer);
					resolve(d);
				}
			});
			d.proc.on('exit', (code) => {
				d.exited = true;
				if (!d.port) {
					clearTimeout(timer);
					reject(new Error(`herald exited (${code}) before listening:\n` + d.log));
				}
			});
		});
	}

	stop(signal) {
		return new Promise((resolve) => {
			if (this.exited) return resolve();
			this.proc.once('exit', () => resolve());
			this.proc.kill(signal || 'SIGTERM');
		});
	}
}

/* The same port again, right after a crash: retried while the old socket lingers. */
async function restart(port) {
	for (let i = 0; ; i++) {
		try {
			return await Daemon.start(port);
		} catch (e) {
			if (i >= 20) throw e;
			await sleep(250);
		}
	}
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/* ---- checks ---- */

let passed = 0, failed = 0;

async function check(name, fn) {
	try {
		await fn();
		passed++;
		console.log('ok - ' + name);
	} catch (e) {
		failed++;
		console.log('not ok - ' + name + '\n  ' + String((e && e.stack) || e).split('\n').join('\n  '));
		throw e; /* each step builds on the one before */
	}
}

function assert(cond, msg) {
	if (!cond) throw new Error(msg || 'assertion failed');
}

/* Waits until FN (run in the page, given ARG) returns a truthy value. */
function until(page, fn, arg, what) {
	return page.waitForFunction(fn, arg, { timeout: T }).catch((e) => {
		throw new Error('timed out waiting for ' + what + ': ' + e.message.split('\n')[0]);
	});
}

/* The widget's parts, found as a person (or a screen reader) would find them. */
function widget(page) {
	const w = page.locator('#herald-widget');
	return {
		root: w,
		launcher: w.getByRole('button', { name: /chat about/i }),
		dialog: w.getByRole('dialog'),
		close: w.getByRole('button', { name: 'Close chat' }),
		log: w.getByRole('log'),
		input: w.getByRole('textbox', { name: 'Ask a question' }),
		suggestions: w.getByRole('group', { name: 'Suggestions' }),
		status: w.getByRole('status'),
		alert: w.getByRole('alert'),
	};
}

/* Number of herald's answers (not notes, not the person's messages) in the log. */
function answers(page) {
	return page.evaluate(() =>
		document.getElementById('herald-widget').shadowRoot.querySelectorAll('[role=log] .bot').length);
}

async function waitAnswers(page, n) {
	await until(page, (want) =>
		document.getElementById('herald-widget').shadowRoot.querySelectorAll('[role=log] .bot').length >= want,
	n, n + ' answers');
}

/* Names of every focusable control and landmark in the widget, from Chromium's accessibility tree. */
async function axNodes(page) {
	const cdp = await page.context().newCDPSession(page);
	const { nodes } = await cdp.send('Accessibility.getFullAXTree');
	await cdp.detach();
	return nodes.filter((n) => !n.ignored).map((n) => ({
		role: n.role && n.role.value,
		name: (n.name && n.name.value) || '',
	}));
}

/* WCAG contrast of each element's text against the first opaque background behind it. */
function contrastReport() {
	const lum = (c) => {
		const [r, g, b] = c.map((v) => {
			v /= 255;
			return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const rgba = (s) => (s.match(/[\d.]+/g) || []).map(Number);
	const bg = (el) => {
		for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
			const c = rgba(getComputedStyle(e).backgroundColor);
			if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const root = document.getElementById('herald-widget').shadowRoot;
	const out = [];
	root.querySelectorAll('button, a, p, input, h2, .msg, .tag').forEach((el) => {
		if (!el.getClientRects().length || !el.textContent.trim() && el.tagName !== 'INPUT') return;
		const fg = rgba(getComputedStyle(el).color).slice(0, 3);
		const a = lum(fg), b = lum(bg(el));
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		out.push({ what: el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '"', ratio });
	});
	return out;
}

/* ---- a page that embeds the widget from another origin, with hostile styles ---- */

function portalServer(heraldPort) {
	const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another portal</title>
<link rel="stylesheet" href="/hostile.css"></head><body><h1>Another portal</h1>
<script src="http://127.0.0.1:${heraldPort}/widget.js" data-herald="ws://127.0.0.1:${heraldPort}/chat"
  data-title="Ask our HER2 guide" data-position="left" data-accent="#6a1b9a" data-lang="es" defer></script>
</body></html>`;
	/* Rules a careless portal might have; none may reach inside the widget. */
	const css = 'button, input, p, div { all: unset; display: none !important; color: red !important; }' +
		' * { font-size: 40px !important; }';
	const srv = http.createServer((req, res) => {
		const body = req.url === '/hostile.css' ? css : page;
		res.writeHead(200, {
			'content-type': req.url === '/hostile.css' ? 'text/css' : 'text/html; charset=utf-8',
			/* What docs/widget.md asks an embedding portal's policy to allow. */
			'content-security-policy': `default-src 'self'; script-src 'self' http://127.0.0.1:${heraldPort}; ` +
				`connect-src 'self' ws://127.0.0.1:${heraldPort}`,
		});
		res.end(body);
	});
	return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

/* ---- the test ---- */

async function main() {
	let daemon = await Daemon.start(0);
	const port = daemon.port;
	const base = `http://127.0.0.1:${port}`;
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
	const problems = [];
	let portal, limited;
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
		const page = await context.newPage();
		page.setDefaultTimeout(T);
		page.on('pageerror', (e) => problems.push('page error: ' + e.message));
		page.on('console', (m) => {
			/* A refused WebSocket while herald is down is expected; anything else
			 * (a CSP violation, a script error) is not. */
			if (m.type() === 'error' && !/WebSocket connection to .* failed/.test(m.text()))
				problems.push('console: ' + m.text());
		});
		const w = widget(page);

		await check('the demo page loads with the launcher', async () => {
			const res = await page.goto(base + '/');
			assert(res.status() === 200, 'status ' + res.status());
			assert(/patient portal/i.test(await page.title()), 'title: ' + (await page.title()));
			await w.launcher.waitFor({ state: 'visible', timeout: T });
			assert((await w.launcher.getAttribute('aria-expanded')) === 'false');
			assert(await w.dialog.isHidden(), 'the panel starts closed');
		});

		await check('opening the chat shows the disclaimer and focuses the text box', async () => {
			await w.launcher.click();
			await w.dialog.waitFor({ state: 'visible', timeout: T });
			assert((await w.launcher.getAttribute('aria-expanded')) === 'true');
			const text = await w.log.innerText();
			assert(/general information/i.test(text) && /not medical advice/i.test(text), 'disclaimer: ' + text);
			assert(/911/.test(text), 'the disclaimer names the emergency number');
			assert(await w.input.evaluate((e) => e.getRootNode().activeElement === e), 'focus is in the text box');
		});

		await check('asking "what is HER2?" shows the answer with a source link', async () => {
			await w.input.fill('what is HER2?');
			await w.input.press('Enter');
			await waitAnswers(page, 1);
			assert((await w.input.inputValue()) === '', 'the box is cleared');
			const log = await w.log.innerText();
			assert(log.indexOf('what is HER2?') >= 0, 'the question is in the transcript');
			assert(/HER2/.test(log.slice(log.indexOf('what is HER2?') + 13)), 'the answer is about HER2');
			const link = w.log.getByRole('link').first();
			await link.waitFor({ timeout: T });
			assert(/^https:\/\//.test(await link.getAttribute('href')), 'the source links to https');
			assert((await link.getAttribute('target')) === '_blank');
			assert(/noopener/.test(await link.getAttribute('rel')));
		});

		await check('a suggestion chip asks its question and gets an answer', async () => {
			const chips = w.suggestions.getByRole('button');
			await chips.first().waitFor({ timeout: T });
			assert((await chips.count()) >= 1);
			const q = (await chips.first().innerText()).trim();
			await chips.first().click();
			await waitAnswers(page, 2);
			assert((await w.log.innerText()).indexOf(q) >= 0, 'the chip text was asked: ' + q);
		});

		await check('a screenshot of the open widget is written', async () => {
			fs.mkdirSync(SHOTS, { recursive: true });
			await page.screenshot({ path: path.join(SHOTS, 'widget.png') });
			assert(fs.statSync(path.join(SHOTS, 'widget.png')).size > 1000);
		});

		await check('an emergency is shown as an alert banner, action first', async () => {
			await w.input.fill("I have chest pain and can't breathe");
			await w.input.press('Enter');
			await w.alert.first().waitFor({ state: 'visible', timeout: T });
			const text = (await w.alert.first().innerText()).trim();
			assert(/^call 911/i.test(text), 'the banner opens with the action: ' + text.slice(0, 60));
			assert(await w.alert.first().getByRole('link', { name: '911' }).count() >= 1, '911 is tap-to-call');
			const cls = await w.alert.first().getAttribute('class');
			assert(/urgent/.test(cls), 'styled as urgent: ' + cls);
		});

		await check('a possible crisis the rules did not hear: the 988 line boxed above the answer, not an alert', async () => {
			const alerts = await w.alert.count(), n = await answers(page);
			/* The same sideways wording as tests/integration/test_concern.py. */
			await w.input.fill('i keep wondering if anyone would even notice if i was gone. what foods help with nausea on chemo');
			await w.input.press('Enter');
			await waitAnswers(page, n + 1);
			const box = w.log.locator('.concern').last();
			await box.waitFor({ state: 'visible', timeout: T });
			assert(/988/.test(await box.innerText()), 'the line offers 988');
			assert(await box.getByRole('link', { name: '988' }).count() >= 1, '988 is tap-to-call');
			const bubble = w.log.locator('.bot').last();
			assert(/nausea/i.test(await bubble.innerText()), 'the normal answer follows the line');
			assert((await w.alert.count()) === alerts, 'offered, not announced as an alert');
		});

		await check('the widget says it is reconnecting when herald dies, and answers again after a restart', async () => {
			const before = await answers(page);
			await daemon.stop('SIGKILL');
			await until(page, () => /Reconnecting/.test(
				document.getElementById('herald-widget').shadowRoot.querySelector('[role=status]').textContent),
			null, '"Reconnecting…"');
			assert(/Reconnecting…/.test(await w.status.innerText()));
			/* Asked while herald is down: kept, and asked once it is back. */
			await w.input.fill('what is HER2?');
			await w.input.press('Enter');
			await sleep(300);
			assert((await answers(page)) === before, 'no answer while down');
			daemon = await restart(port);
			await waitAnswers(page, before + 1);
			await until(page, () => !/Reconnecting/.test(
				document.getElementById('herald-widget').shadowRoot.querySelector('[role=status]').textContent),
			null, 'the reconnecting notice to go');
		});

		await check('a reload keeps the conversation (same tab) and the open panel', async () => {
			const before = await w.log.innerText();
			await page.reload();
			await w.dialog.waitFor({ state: 'visible', timeout: T });
			const after = await w.log.innerText();
			assert(after === before, 'transcript differs after reload:\n' + before + '\n---\n' + after);
			assert(await w.alert.count() >= 1, 'the urgent banner is kept');
			/* And the conversation goes on over a fresh connection. */
			const n = await answers(page);
			await w.input.fill('how is HER2 tested?');
			await w.input.press('Enter');
			await waitAnswers(page, n + 1);
		});

		await check('a follow-up after a reload still knows the topic (the context travels)', async () => {
			const lastAnswer = () => page.evaluate(() => {
				const bots = document.getElementById('herald-widget').shadowRoot.querySelectorAll('[role=log] .bot');
				return bots[bots.length - 1].textContent;
			});
			let n = await answers(page);
			await w.input.fill('tell me about enhertu');
			await w.input.press('Enter');
			await waitAnswers(page, n + 1);
			/* A new connection is a new conversation on herald's side: only the
			 * context the widget kept can say what "it" is. */
			await page.reload();
			await w.dialog.waitFor({ state: 'visible', timeout: T });
			n = await answers(page);
			await w.input.fill('how is it given?');
			await w.input.press('Enter');
			await waitAnswers(page, n + 1);
			const text = await lastAnswer();
			assert(/Enhertu/.test(text) && /infusion/i.test(text), 'the answer is about Enhertu: ' + text.slice(0, 120));
		});

		await check('ask ids are unique', async () => {
			const key = await page.evaluate(() => Object.keys(sessionStorage).find((k) => k.startsWith('herald-widget:')));
			const st = await page.evaluate((k) => JSON.parse(sessionStorage.getItem(k)), key);
			assert(st.n >= 5 && st.pending.length === 0, 'state: ' + JSON.stringify({ n: st.n, pending: st.pending }));
			/* Ids are sid-counter: the counter survives reloads, the sid is random per tab. */
			assert(/^[0-9a-f]{16}$/.test(st.sid));
		});

		await check('Escape closes the panel and returns focus to the launcher; Enter reopens it', async () => {
			await w.input.focus();
			await page.keyboard.press('Escape');
			await w.dialog.waitFor({ state: 'hidden', timeout: T });
			assert(await w.launcher.evaluate((e) => e.getRootNode().activeElement === e), 'focus on the launcher');
			await page.keyboard.press('Enter');
			await w.dialog.waitFor({ state: 'visible', timeout: T });
			await page.keyboard.press('Tab');
			const outline = await page.evaluate(() => {
				const a = document.getElementById('herald-widget').shadowRoot.activeElement;
				const s = getComputedStyle(a);
				return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
			});
			assert(outline, 'keyboard focus is visible');
		});

		await check('accessible names, roles and contrast', async () => {
			const nodes = await axNodes(page);
			const unnamed = nodes.filter((n) => ['button', 'link', 'textbox', 'dialog', 'group', 'log'].includes(n.role) &&
				!n.name.trim());
			assert(!unnamed.length, 'unnamed: ' + JSON.stringify(unnamed));
			const has = (role, re) => nodes.some((n) => n.role === role && re.test(n.name));
			assert(has('button', /chat/i), 'a launcher button whose name contains "chat"');
			assert(has('textbox', /^Ask a question$/), 'a text box labelled "Ask a question"');
			assert(has('group', /^Suggestions$/), 'a group labelled "Suggestions"');
			assert(has('log', /./), 'a named log');
			assert(has('dialog', /HER2 questions/), 'the dialog is named by its title');
			assert((await w.log.getAttribute('aria-live')) === 'polite');
			const low = (await page.evaluate(contrastReport)).filter((r) => r.ratio < 4.5);
			assert(!low.length, 'below 4.5:1: ' + JSON.stringify(low));
		});

		await check('no script errors and no CSP violations on the demo page', async () => {
			assert(!problems.length, problems.join('\n'));
		});
		await context.close();

		await check('at 1280x900 the answer\'s source link stays in view above three suggestions', async () => {
			const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const p = await desk.newPage();
			p.setDefaultTimeout(T);
			const dw = widget(p);
			await p.goto(base + '/');
			await dw.launcher.click();
			await dw.dialog.waitFor({ state: 'visible', timeout: T });
			await dw.input.fill('tell me about herceptin');
			await dw.input.press('Enter');
			await waitAnswers(p, 1);
			await dw.suggestions.getByRole('button').nth(2).waitFor({ timeout: T });
			const link = dw.log.locator('.bot').last().getByRole('link').last();
			await link.waitFor({ timeout: T });
			const lb = await link.boundingBox(), gb = await dw.log.boundingBox();
			assert(lb.y >= gb.y && lb.y + lb.height <= gb.y + gb.height,
				'the source link is inside the visible log: link ' + JSON.stringify(lb) + ' log ' + JSON.stringify(gb));
			const sb = await dw.suggestions.boundingBox();
			assert(sb.height < 60, 'the suggestions take one row, not a stack: ' + JSON.stringify(sb));
			await desk.close();
		});

		await check('on a phone-sized screen the panel fills the screen without sideways scrolling', async () => {
			const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
			const p = await phone.newPage();
			p.setDefaultTimeout(T);
			const pw = widget(p);
			await p.goto(base + '/');
			await pw.launcher.tap();
			await pw.dialog.waitFor({ state: 'visible', timeout: T });
			const box = await pw.dialog.boundingBox();
			assert(box.x >= 0 && box.width <= 375 && box.height <= 667, 'panel box: ' + JSON.stringify(box));
			const sendBox = await pw.root.getByRole('button', { name: 'Send' }).boundingBox();
			assert(sendBox.x + sendBox.width <= 375 && sendBox.y + sendBox.height <= 667, 'Send is on screen');
			assert(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll');
			await pw.input.fill('what is HER2?');
			await pw.input.press('Enter');
			await waitAnswers(p, 1);
			/* The suggestion row is wider than the screen: it scrolls, and shows
			 * that it does (a fade at the right edge) until scrolled to the end. */
			await pw.suggestions.getByRole('button').first().waitFor({ timeout: T });
			const row = await pw.suggestions.evaluate((e) => {
				const cs = getComputedStyle(e);
				return { over: e.scrollWidth > e.clientWidth, ox: cs.overflowX, more: e.classList.contains('more'),
					mask: cs.maskImage || cs.webkitMaskImage, right: e.getBoundingClientRect().right };
			});
			assert(row.over && row.ox === 'auto', 'the row scrolls sideways: ' + JSON.stringify(row));
			assert(row.more && /gradient/.test(row.mask), 'the row shows there is more: ' + JSON.stringify(row));
			assert(row.right <= 375, 'the row itself stays on screen');
			const end = await pw.suggestions.evaluate(async (e) => {
				e.scrollLeft = e.scrollWidth;
				await new Promise((r) => setTimeout(r, 100));
				return e.classList.contains('more');
			});
			assert(!end, 'scrolled to the end, the fade goes');
			await p.screenshot({ path: path.join(SHOTS, 'widget-phone.png') });
			await phone.close();
		});

		await check('a rate-limited question is explained kindly and given back to ask again', async () => {
			limited = await Daemon.start(0, 'limits = { rate_per_second = 1, rate_burst = 1 }\n');
			const ctx = await browser.newContext();
			const p = await ctx.newPage();
			p.setDefaultTimeout(T);
			const pw = widget(p);
			await p.goto(`http://127.0.0.1:${limited.port}/`);
			await pw.launcher.click();
			await pw.input.fill('what is HER2?');
			await pw.input.press('Enter');
			await waitAnswers(p, 1);
			await pw.input.fill('what is HER2-low?');
			await pw.input.press('Enter');
			await until(p, () => /sending questions quickly/.test(
				document.getElementById('herald-widget').shadowRoot.querySelector('[role=log]').textContent),
			null, 'the rate-limit note');
			assert((await pw.input.inputValue()) === 'what is HER2-low?', 'the question is given back');
			assert((await pw.alert.count()) === 0, 'an error is not an alert');
			await ctx.close();
		});

		await check('embedded on another origin: options apply and host styles do not leak in', async () => {
			portal = await portalServer(port);
			const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 } });
			const p = await ctx.newPage();
			p.setDefaultTimeout(T);
			const errs = [];
			p.on('console', (m) => m.type() === 'error' && errs.push(m.text()));
			const pw = widget(p);
			await p.goto(`http://localhost:${portal.address().port}/`);
			await pw.launcher.click();
			await pw.dialog.waitFor({ state: 'visible', timeout: T });
			assert(/Ask our HER2 guide/.test(await pw.dialog.innerText()), 'data-title');
			assert(/consejo médico/.test(await pw.log.innerText()), 'data-lang=es disclaimer');
			const box = await pw.launcher.boundingBox();
			assert(box.x < 100, 'data-position=left: x=' + box.x);
			const style = await pw.launcher.evaluate((e) => {
				const s = getComputedStyle(e);
				return { bg: s.backgroundColor, size: s.fontSize, display: s.display };
			});
			assert(style.bg === 'rgb(106, 27, 154)', 'data-accent: ' + style.bg);
			assert(style.size === '16px' && style.display !== 'none', 'host styles leaked: ' + JSON.stringify(style));
			await pw.input.fill('what is HER2?');
			await pw.input.press('Enter');
			await waitAnswers(p, 1);
			assert(!errs.length, errs.join('\n'));
			await ctx.close();
		});
	} finally {
		await browser.close();
		if (portal) portal.close();
		if (limited) await limited.stop('SIGTERM');
		await daemon.stop('SIGTERM');
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(() => {
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}, (e) => {
	if (!failed) console.log('error: ' + ((e && e.stack) || e));
	console.log(`${passed} passed, ${failed || 1} failed`);
	process.exit(1);
});
