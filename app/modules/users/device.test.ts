import { describe, expect, test } from 'vitest'
import { describeDevice } from './device.ts'

const agents = {
	chromeWindows:
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
	edgeWindows:
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
	safariMac:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
	safariIphone:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
	firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
	chromeAndroid:
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
}

describe('describeDevice', () => {
	test.each([
		[agents.chromeWindows, 'Chrome on Windows'],
		[agents.edgeWindows, 'Edge on Windows'],
		[agents.safariMac, 'Safari on macOS'],
		[agents.safariIphone, 'Safari on iOS'],
		[agents.firefoxLinux, 'Firefox on Linux'],
		[agents.chromeAndroid, 'Chrome on Android'],
	])('%s is “%s”', (userAgent, description) => {
		expect(describeDevice(userAgent)).toBe(description)
	})

	test('an unknown agent is a browser without a system', () => {
		expect(describeDevice('curl/8.5.0')).toBe('A browser')
	})

	test('no agent is an unknown device', () => {
		expect(describeDevice('')).toBe('Unknown device')
	})
})
