/*
 * The review book (`herald review -o FILE`) in a real browser: Debian's
 * Chromium, driven by playwright-core, opens the page as a clinician would.
 * It must render without script or console errors, its table of contents must
 * lead to every section, every other link must be a well-formed http(s) URL,
 * and every intent must show an answer with its sources.
 *
 *   HERALD_BIN=build/herald HERALD_SOURCE_DIR=. node tests/browser/review.test.js
 *
 * Optional: CHROMIUM (default /usr/bin/chromium), HERALD_SCREENSHOT_DIR (where
 * review.png is written; default: the working directory).
 * Prints one line per check and "N passed, N failed" at the end.
 */
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');

const BIN = path.resolve(process.env.HERALD_BIN || 'build/herald');
const SOURCE = path.resolve(process.env.HERALD_SOURCE_DIR || '.');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.HERALD_SCREENSHOT_DIR || '.');
const T = 15000;

let passed = 0, failed = 0;

async function check(name, fn) {
	try {
		await fn();
		passed++;
		console.log('ok - ' + name);
	} catch (e) {
		failed++;
		console.log('not ok - ' + name + '\n  ' + String((e && e.stack) || e).split('\n').join('\n  '));
	}
}

function assert(cond, msg) {
	if (!cond) throw new Error(msg || 'assertion failed');
}

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-review-'));
	const file = path.join(tmp, 'review.html');
	const conf = path.join(tmp, 'herald.conf.lua');
	fs.writeFileSync(conf, `content_dir = ${JSON.stringify(SOURCE)}\n`);
	console.log('# writing the review book with herald review -o');
	execFileSync(BIN, ['review', '--config', conf, '-o', file], { stdio: ['ignore', 'inherit', 'inherit'] });
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
	const problems = [];
	try {
		const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
		page.setDefaultTimeout(T);
		page.on('pageerror', (e) => problems.push('page error: ' + e.message));
		page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
		/* The page is self-contained: any request for another resource is a fault. */
		page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push('request: ' + r.url()); });

		await check('the book opens and renders its title and contents', async () => {
			await page.goto(pathToFileURL(file).href);
			assert(/everything it can say/.test(await page.title()), 'title: ' + (await page.title()));
			const h1 = await page.locator('h1').innerText();
			assert(/everything it can say/.test(h1), 'h1: ' + h1);
			assert(await page.locator('nav#contents a').count() > 50, 'a table of contents');
			const box = await page.locator('h1').boundingBox();
			assert(box && box.width > 100 && box.height > 10, 'the heading has a size on screen');
		});

		await check('every contents link leads to a section on the page', async () => {
			const missing = await page.evaluate(() => Array.from(document.querySelectorAll('a[href^="#"]'))
				.map((a) => a.getAttribute('href').slice(1))
				.filter((id) => !document.getElementById(id)));
			assert(missing.length === 0, 'missing targets: ' + missing.slice(0, 5).join(', '));
		});

		await check('following a contents link scrolls to its intent', async () => {
			const link = page.locator('nav#contents a[href="#intent-drug.warnings"]');
			assert(await link.count() === 1, 'a contents link for drug.warnings');
			await link.click();
			await page.waitForFunction(() => window.scrollY > 500, null, { timeout: T });
			const top = await page.evaluate(() =>
				document.getElementById('intent-drug.warnings').getBoundingClientRect().top);
			assert(Math.abs(top) < 50, 'the section is at the top of the window, top=' + top);
		});

		await check('every other link is a well-formed http(s) URL', async () => {
			const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'))
				.map((a) => a.getAttribute('href')).filter((h) => !h.startsWith('#')));
			assert(hrefs.length > 50, 'sources are links: ' + hrefs.length);
			const bad = hrefs.filter((h) => {
				try {
					const u = new URL(h);
					return !(u.protocol === 'https:' || u.protocol === 'http:') || !u.hostname.includes('.');
				} catch (e) {
					return true;
				}
			});
			assert(bad.length === 0, 'malformed: ' + bad.slice(0, 5).join(' '));
		});

		await check('each intent shows an answer with its spoken form and sources', async () => {
			const empty = await page.evaluate(() => Array.from(document.querySelectorAll('h3[id^="intent-"]'))
				.filter((h) => {
					let n = h.nextElementSibling;
					while (n && n.tagName !== 'H3' && !(n.classList && n.classList.contains('answer'))) n = n.nextElementSibling;
					return !n || n.tagName === 'H3' || !n.querySelector('.speech') || !n.querySelector('.sources a');
				}).map((h) => h.id));
			assert(empty.length === 0, 'intents without a sourced answer: ' + empty.slice(0, 5).join(', '));
		});

		await check('the safety replies and the sign-off fields are there', async () => {
			const text = await page.locator('#safety').innerText();
			assert(/988/.test(text) && /911/.test(text), 'crisis and emergency replies');
			assert(await page.getByText('Clinician sign-off').count() > 5, 'a sign-off field per plugin');
			assert(await page.getByText('Reviewed by', { exact: false }).count() > 5, 'a reviewer per plugin');
		});

		await check('nothing went wrong while the page was open', async () => {
			await page.screenshot({ path: path.join(SHOTS, 'review.png') });
			assert(problems.length === 0, problems.join('\n'));
		});
	} finally {
		await browser.close();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(() => {
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}, (e) => {
	console.log('error: ' + ((e && e.stack) || e));
	console.log(`${passed} passed, ${failed || 1} failed`);
	process.exit(1);
});
