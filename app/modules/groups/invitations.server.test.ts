import { describe, expect, test } from 'vitest'
import { invitationStatus } from './invitations.server.ts'

const DAY = 24 * 60 * 60 * 1000
const active = {
	expiresAt: new Date(Date.now() + DAY),
	singleUse: true,
	useCount: 0,
	revokedAt: null,
}

describe('invitationStatus', () => {
	test('a link before its expiry, unused and not revoked is active', () => {
		expect(invitationStatus(active)).toBe('active')
	})

	test('a link past its expiry is expired', () => {
		expect(invitationStatus({ ...active, expiresAt: new Date(Date.now() - 1000) })).toBe('expired')
	})

	test('a single-use link used once is used', () => {
		expect(invitationStatus({ ...active, useCount: 1 })).toBe('used')
	})

	test('a multi-use link stays active however often it is used', () => {
		expect(invitationStatus({ ...active, singleUse: false, useCount: 25 })).toBe('active')
	})

	test('a revoked link is revoked, whatever else is true of it', () => {
		const revokedAt = new Date()
		expect(invitationStatus({ ...active, revokedAt })).toBe('revoked')
		expect(invitationStatus({ ...active, revokedAt, useCount: 1 })).toBe('revoked')
		expect(invitationStatus({ ...active, revokedAt, expiresAt: new Date(Date.now() - 1000) })).toBe(
			'revoked',
		)
	})

	test('a used single-use link reads as used even after it expired', () => {
		expect(
			invitationStatus({ ...active, useCount: 1, expiresAt: new Date(Date.now() - 1000) }),
		).toBe('used')
	})
})
